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


@pytest.mark.parametrize(
    "measure, expected",
    [
        ("（五）扩大租赁供给。（市住房城乡建设管理委牵头，市规划资源局、市财政局等按职责分工负责）",
         [("市住房城乡建设管理委", LEAD), ("市规划资源局", RESP), ("市财政局", RESP)]),
        ("5. 优化审批流程(由区发展改革委牵头,区财政局、区税务局配合)。",
         [("区发展改革委", LEAD), ("区财政局", SUP), ("区税务局", SUP)]),
        ("三、加强监管。（省市场监管局、省商务厅负责）",
         [("省市场监管局", LEAD), ("省商务厅", RESP)]),
        ("（二）强化服务（各区政府、市商务委分别负责）", [("各区政府", LEAD), ("市商务委", RESP)]),
    ],
)
def test_a_clause_of_names_with_role_words_names_its_agencies(measure, expected):
    assert [(a.name, a.role) for a in agencies_in(measure)] == expected


@pytest.mark.parametrize(
    "measure",
    [
        "（一）本办法所称企业（以下简称“企业”）由市商务委认定。",
        "（二）对符合条件的项目给予补贴（最高不超过500万元，由企业自行负责）。",
        "（三）加快建设（2025年前完成）。",
    ],
)
def test_ordinary_remarks_in_parentheses_are_not_agencies(measure):
    assert agencies_in(measure) == []
