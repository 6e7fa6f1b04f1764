"""An English-only policy is read in English (issue 11): window, measures, responsible units, targets, milestones."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.extract import extract_policies
from tracker.extract.targets import targets_in
from tracker.extract.windows import find_window

ARTICLES = """Measures of Hainan Province on Supporting the Development of Marine Ranching
Qiong Fu [2024] No. 18
Issued on: 8 April 2024
Article 1 These Measures are formulated in order to promote the sustainable development of marine ranching.
Article 2 By the end of 2025, the province will build no less than twelve national-level marine ranching demonstration zones.
Responsible units: Provincial Department of Agriculture and Rural Affairs, Provincial Department of Natural Resources and Planning
Article 3 By 2027, the output value of the marine ranching industry will exceed 20 billion yuan.
Article 4 A provincial marine ranching monitoring platform shall be completed by the end of June 2025.
Article 5 Enterprises that build artificial reefs may receive a subsidy of up to 5 million yuan.
Article 6 These Measures shall come into force on 1 May 2024 and remain valid until 30 April 2029.
"""


def test_an_english_policy_with_articles_has_its_window_number_and_measures():
    (p,) = extract_policies(ARTICLES).policies
    assert p.language == "en"
    assert p.doc_number == "Qiong Fu [2024] No. 18" and p.issued_on == date(2024, 4, 8)
    assert (p.effective_from, p.effective_to) == (date(2024, 5, 1), date(2029, 4, 30))
    assert [m.number for m in p.measures] == [f"Article {n}" for n in range(1, 7)]
    assert [a.name for a in p.measures[1].agencies] == [
        "Provincial Department of Agriculture and Rural Affairs", "Provincial Department of Natural Resources and Planning"]


def test_english_targets_read_numbers_in_words_and_ignore_article_numbers_and_caps():
    (p,) = extract_policies(ARTICLES).policies
    got = [(t.kind.value, t.measure, t.due_on, t.quantity, t.unit, t.comparator.value) for t in p.targets]
    assert got == [
        ("target", "Article 2", date(2025, 12, 31), Decimal(12), "zones", "at_least"),
        ("target", "Article 3", date(2027, 12, 31), Decimal(20_000_000_000), "yuan", "at_least"),
        ("milestone", "Article 4", date(2025, 6, 30), None, None, "exactly"),
    ]


PLAN = """Implementation Plan of Fujian Province for Developing Smart Elderly Care
I. Main Objectives
By 2026, the province will have built two hundred smart elderly care communities.
II. Key Tasks
1. Build an information platform. By the end of 2024, the provincial elderly care service platform will be put into operation. (Lead unit: Provincial Department of Civil Affairs; Supporting units: Provincial Big Data Bureau)
2. Train care workers. By 2025, train no fewer than five thousand care workers.
Lead department: Provincial Department of Human Resources and Social Security
3. Support enterprises. (Responsible unit: Provincial Department of Industry and Information Technology)
III. Supporting Measures
This Plan shall be valid for three years from the date of issuance.
General Office of the People's Government of Fujian Province
20 February 2024
"""


def test_an_english_plan_with_numbered_items_and_a_term_of_years():
    (p,) = extract_policies(PLAN).policies
    assert p.issued_on == date(2024, 2, 20)
    assert (p.effective_from, p.effective_to) == (date(2024, 2, 20), date(2027, 2, 19))
    assert [m.number for m in p.measures] == ["1.", "2.", "3."]
    assert [(a.name, a.role.value) for a in p.measures[0].agencies] == [
        ("Provincial Department of Civil Affairs", "lead"), ("Provincial Big Data Bureau", "supporting")]
    assert [a.name for a in p.measures[1].agencies] == ["Provincial Department of Human Resources and Social Security"]
    got = sorted((t.due_on, t.quantity, t.unit) for t in p.targets)
    assert got == [(date(2024, 12, 31), None, None), (date(2025, 12, 31), 5000, "workers"), (date(2026, 12, 31), 200, "communities")]


@pytest.mark.parametrize(
    "sentence, window",
    [
        ("These Rules shall take effect on 1 March 2024 and shall be valid for five years.", (date(2024, 3, 1), date(2029, 2, 28))),
        ("The validity period of these Measures is from January 1, 2024 to December 31, 2026.", (date(2024, 1, 1), date(2026, 12, 31))),
        ("These Provisions shall be implemented as of 1 July 2024 and expire on 30 June 2027.", (date(2024, 7, 1), date(2027, 6, 30))),
        ("This Notice shall be effective from the date of its issuance and remain in force until 31 December 2025.",
         (date(2024, 6, 1), date(2025, 12, 31))),
        ("These Measures shall take effect on 1 January 2024 and shall remain in effect until 31 December 2026.",
         (date(2024, 1, 1), date(2026, 12, 31))),
        ("The validity period of this Plan is from 2024 to 2026.", (date(2024, 1, 1), date(2026, 12, 31))),
        ("The Measures shall be effective for a term of three years commencing on March 1, 2024.", (date(2024, 3, 1), date(2027, 2, 28))),
    ],
)
def test_english_validity_sentences(sentence, window):
    w = find_window(sentence, "", date(2024, 6, 1))
    assert (w.effective_from, w.effective_to) == window


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("By 2025, build twenty-five county-level logistics centres.", [(Decimal(25), "centres")]),
        ("By 2026, cultivate three hundred and fifty specialised enterprises.", [(Decimal(350), "enterprises")]),
        ("By 2025, the number of users will reach 1 million users.", [(Decimal(1_000_000), "users")]),
        ("By 2025, set up one-stop service windows in all districts.", [(None, None)]),
        ("By 2025, the Three Gorges area will complete the survey.", [(None, None)]),
        ("By 2025, the output value of the industry will reach RMB 500 billion.", [(Decimal(500_000_000_000), "yuan")]),
        ("By 2026, attract foreign investment of no less than US$2 billion.", [(Decimal(2_000_000_000), "dollars")]),
        ("Each enterprise may receive a subsidy of up to RMB 5 million by 2025.", []),
    ],
)
def test_english_quantities_in_words(sentence, expected):
    got = targets_in(sentence, None, year=2024)
    assert [(t.quantity, t.unit) for t in got] == expected


def test_english_sections_numbered_in_bracketed_roman_numerals_are_measures_and_headings_stay_out_of_targets():
    text = """Implementation Opinions of Yunnan Province on Developing Rural Tourism
I. General Requirements
(I) Main Objectives
By 2026, the province will have 150 key rural tourism villages.
II. Key Tasks
(II) Improve infrastructure. By the end of 2025, complete the renovation of tourist toilets in all key villages. (Responsible unit: Provincial Department of Culture and Tourism)
(III) Enrich tourism products. (Responsible unit: Provincial Department of Culture and Tourism)
"""
    (p,) = extract_policies(text).policies
    assert [m.number for m in p.measures] == ["(I)", "(II)", "(III)"]
    assert [t.text for t in p.targets][0] == "By 2026, the province will have 150 key rural tourism villages."


@pytest.mark.parametrize("printed", ["Order No. 12 of the Shanghai Municipal People's Government", "Decree of the State Council No. 752",
                                     "Hu Fu Ban Gui [2023] No. 27"])
def test_an_english_document_number_or_order_number_in_the_head(printed):
    text = (f"Measures of Shanghai Municipality on the Administration of Public Data\n{printed}\n"
            "Article 1 These Measures are formulated to regulate public data.\nArticle 2 These Measures shall come into force on 1 March 2024.\n")
    (p,) = extract_policies(text).policies
    assert p.doc_number == printed


def test_an_english_notice_s_own_items_above_the_plan_s_heading_are_not_the_plan_s_measures():
    text = """Notice of the General Office of the People's Government of Hubei Province on Issuing the Implementation Plan for Developing the Silver Economy
E Zheng Ban Fa [2024] No. 19
The Implementation Plan for Developing the Silver Economy is hereby issued to you. Please implement it conscientiously.
1. Strengthen organisation and leadership.
2. Strengthen supervision.
General Office of the People's Government of Hubei Province
12 May 2024
Implementation Plan for Developing the Silver Economy
1. Expand meal services for the elderly. By 2025, build 2,000 community canteens for the elderly. (Responsible unit: Provincial Department of Civil Affairs)
2. Develop elderly care products. (Responsible unit: Provincial Department of Economy and Information Technology)
"""
    (p,) = extract_policies(text).policies
    assert (p.title, p.doc_number, p.issued_on) == ("Implementation Plan for Developing the Silver Economy", "E Zheng Ban Fa [2024] No. 19", date(2024, 5, 12))
    assert [m.title for m in p.measures] == ["Expand meal services for the elderly", "Develop elderly care products"]


@pytest.mark.parametrize(
    "clause, agencies",
    [
        ("(Led by the Municipal Commission of Commerce, with the Municipal Finance Bureau and the Municipal Bureau of Statistics participating)",
         [("Municipal Commission of Commerce", "lead"), ("Municipal Finance Bureau", "supporting"), ("Municipal Bureau of Statistics", "supporting")]),
        ("(The Municipal Commission of Transport takes the lead, and the Municipal Finance Bureau and other departments are responsible "
         "according to their duties)", [("Municipal Commission of Transport", "lead"), ("Municipal Finance Bureau", "responsible")]),
        ("(Led by experts in the field, see Annex 2)", []),
    ],
)
def test_english_agencies_named_with_role_words(clause, agencies):
    from tracker.extract.agencies import agencies_in

    assert [(a.name, a.role.value) for a in agencies_in(f"1. Build the municipal logistics platform. {clause}")] == agencies


def test_an_english_page_with_a_metadata_block_and_a_rule_issued_with_immediate_effect():
    text = """Notice of the State Council on Issuing the Working Rules for Government Data
· Document Number:No. 9 [2024] of the State Council
· Area of Law: Government Affairs
· Date issued:03-18-2024
· Issuing Authority: State Council
Notice of the State Council on Issuing the Working Rules for Government Data
The people's governments of all provinces, autonomous regions, and municipalities directly under the Central Government:
The Working Rules for Government Data are hereby issued to you with immediate effect.
State Council
March 18, 2024
Working Rules for Government Data
Chapter I General Provisions
1. These Rules are developed to improve the management of government data.
2. Government data shall be shared as a rule and withheld as an exception.
"""
    (p,) = extract_policies(text).policies
    assert (p.title, p.doc_number, p.issuer) == ("Working Rules for Government Data", "No. 9 [2024] of the State Council", "State Council")
    assert (p.issued_on, p.effective_from, p.effective_to) == (date(2024, 3, 18), date(2024, 3, 18), None)
    assert [m.number for m in p.measures] == ["1.", "2."]
