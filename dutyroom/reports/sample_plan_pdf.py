"""A short sample 应急预案 for the demo town, so a new desk sees a filed plan open from an
incident. Written as a town's special plan is laid out (总则, 组织指挥, 预警和报告, 应急响应,
保障, 附则), short enough to read in a minute, and marked as a sample."""

from __future__ import annotations

from reportlab.platypus import Flowable

from dutyroom.reports import layout
from dutyroom.reports.content import Document
from dutyroom.reports.layout import Styles

TITLE = "危险化学品事故应急预案（示例）"

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("一、总则", (
        "（一）编制目的。规范本镇危险化学品泄漏、火灾、爆炸事故的先期处置，最大限度减少人员伤亡和财产损失。",
        "（二）适用范围。本镇行政区域内生产、储存、运输、使用危险化学品过程中发生的泄漏、火灾、爆炸等事故。",
        "（三）工作原则。以人为本、先期处置；属地为主、分级负责；快速反应、协同应对。",
    )),
    ("二、组织指挥", (
        "镇突发事件应急指挥部负责统一指挥，总指挥由镇长担任，副总指挥由分管应急工作的副镇长担任。",
        "指挥部办公室设在镇应急管理办公室（镇值班室），负责信息汇总、上报和协调联络。",
        "现场设综合协调、抢险救援、医疗救护、治安警戒、环境监测、群众转移和后勤保障七个工作组。",
    )),
    ("三、信息报告", (
        "值班室接报后立即问清事故地点、化学品名称和数量、风向、人员伤亡和周边情况，记下报告人电话。",
        "30 分钟内电话首报县应急管理局总值班室，1 小时内书面报告；较大及以上事故同时报县委县政府总值班室。",
        "续报随事态发展及时报送，处置结束后 24 小时内终报。",
    )),
    ("四、应急响应", (
        "（一）先期处置。通知消防救援站出警，说明化学品名称；通知派出所在下风向设置警戒；"
        "通知村（社区）组织疏散下风向群众；通知卫生院做好救治准备。",
        "（二）分级响应。一般事故由镇指挥部组织处置；超出本镇处置能力的，立即请求县级支援，"
        "并做好先期处置和移交工作。",
        "（三）环境监测。通知生态环境分局监测站到场监测，根据监测结果划定和调整警戒、疏散范围。",
        "（四）响应结束。危险源得到控制、环境监测达标、受威胁人员安全后，由指挥部宣布响应结束。",
    )),
    ("五、保障措施", (
        "镇应急救援队、化工园区专职消防队为先期处置力量；应急物资储备库备有防化服、空气呼吸器、"
        "吸附棉和围油栏；镇中心学校、镇文化广场为群众临时避难场所。",
    )),
    ("六、附则", (
        "本预案由镇应急管理办公室负责解释，自印发之日起施行。",
        "本文件为 Dutyroom 示例数据，仅供熟悉软件使用，不是任何乡镇的正式预案。",
    )),
)


def sample_plan_pdf(town: str, printed: str) -> Document:
    def story(st: Styles, width: float) -> list[Flowable]:
        del width  # one column of text
        parts: list[Flowable] = [layout.text(town + "人民政府", st.subtitle),
                                 layout.text(town + TITLE, st.title)]
        for heading, paragraphs in SECTIONS:
            parts += layout.heading(heading, st)
            parts += [layout.text(paragraph, st.body) for paragraph in paragraphs]
        return parts

    return layout.render(story, title=town + TITLE, running=f"{town} · {TITLE}", printed=printed)
