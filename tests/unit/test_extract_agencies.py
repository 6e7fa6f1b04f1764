import pytest

from tracker.domain.records import AgencyRole
from tracker.extract.agencies import agencies_in, normalise_agency, split_agencies

LEAD, RESP, SUP = AgencyRole.LEAD, AgencyRole.RESPONSIBLE, AgencyRole.SUPPORTING


@pytest.mark.parametrize(
    "printed, name",
    [
        ("市经济信息化委", "市经济信息化委"),
        (" 市 发展改革委 ", "市发展改革委"),
        ("省商务厅等", "省商务厅"),
        ("the Municipal Commission of Commerce", "Municipal Commission of Commerce"),
        ("and the Municipal Bureau of Justice.", "Municipal Bureau of Justice"),
        ("ＡＢＣ办公室", "ABC办公室"),
    ],
)
def test_agency_names_normalise_to_one_spelling(printed, name):
    assert normalise_agency(printed) == name


def test_the_first_named_agency_leads_and_the_rest_are_responsible():
    assert split_agencies("责任单位：省发展改革委、省财政厅，省工业和信息化厅") == [
        ("省发展改革委", LEAD),
        ("省财政厅", RESP),
        ("省工业和信息化厅", RESP),
    ]


def test_lead_and_supporting_labels_set_the_roles():
    assert split_agencies("牵头单位：市商务局；配合单位：市财政局、市税务局") == [
        ("市商务局", LEAD),
        ("市财政局", SUP),
        ("市税务局", SUP),
    ]


def test_english_units_split_on_commas_and_and_the_but_not_inside_names():
    body = (
        "Units responsible for implementation: the Municipal Commission of Economy and Informatization, "
        "the Municipal Development and Reform Commission, and the Municipal Bureau of Justice"
    )
    assert split_agencies(body) == [
        ("Municipal Commission of Economy and Informatization", LEAD),
        ("Municipal Development and Reform Commission", RESP),
        ("Municipal Bureau of Justice", RESP),
    ]


@pytest.mark.parametrize(
    "measure",
    [
        "（三）加强人才引进。支持企业引进高端人才。（责任单位：省人力资源社会保障厅、省科技厅）",
        "(三)加强人才引进。支持企业引进高端人才。(责任部门:省人力资源社会保障厅,省科技厅)",
        "3. Attracting talent. (Unit responsible for implementation: 省人力资源社会保障厅; 省科技厅)",
    ],
)
def test_a_measure_clause_names_its_agencies(measure):
    links = agencies_in(measure)
    assert [(a.name, a.role) for a in links] == [("省人力资源社会保障厅", LEAD), ("省科技厅", RESP)]


def test_agencies_on_their_own_lines_are_found():
    text = "第五条 做好统筹。\n牵头单位：区发展改革委\n配合单位：区财政局"
    assert [(a.name, a.role) for a in agencies_in(text)] == [("区发展改革委", LEAD), ("区财政局", SUP)]


def test_english_responsible_units_on_their_own_line_are_found():
    text = "2. Expanding employment.\nResponsible units: the Provincial Department of Human Resources, the Provincial Department of Education"
    assert [(a.name, a.role) for a in agencies_in(text)] == [
        ("Provincial Department of Human Resources", LEAD),
        ("Provincial Department of Education", RESP),
    ]
