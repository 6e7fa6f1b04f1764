"""A crawler's markdown record above a policy's text (### 基本信息, - **文件名称**：…) is metadata, not the title."""

from datetime import date

from tracker.extract import extract_policies
from tracker.extract.text import normalise

RECORD = """### 基本信息
- **文档类型**：政策类
- **发布机构**：某省科学技术厅
- **成文日期**：2025年3月12日
- **文件名称**：某省科学技术厅关于加快建设概念验证中心的实施意见
- **文件编号**：某科发〔2025〕9号

某省科学技术厅关于加快建设概念验证中心的实施意见

各市科技局：
为加快科技成果转化，提出如下意见。
一、建设一批概念验证中心。到2027年，建成概念验证中心20家。
二、完善支持政策。各市要加大投入。
"""


def test_the_title_is_the_value_of_the_file_name_label():
    (p,) = extract_policies(normalise(RECORD)).policies
    assert p.title == "某省科学技术厅关于加快建设概念验证中心的实施意见"
    assert p.doc_number == "某科发〔2025〕9号"
    assert p.issued_on == date(2025, 3, 12)


def test_bold_labels_with_the_colon_inside_are_read_too():
    text = RECORD.replace("- **文件名称**：", "**标题：**").replace("- **成文日期**：", "**成文日期：**")
    (p,) = extract_policies(normalise(text)).policies
    assert p.title == "某省科学技术厅关于加快建设概念验证中心的实施意见"
    assert p.issued_on == date(2025, 3, 12)


def test_the_record_gives_no_milestones_or_measures():
    (p,) = extract_policies(normalise(RECORD.replace("2025年3月12日", "2025-2027年期间"))).policies
    assert [t.due_on for t in p.targets] == [date(2027, 12, 31)]
    assert len(p.measures) == 2
