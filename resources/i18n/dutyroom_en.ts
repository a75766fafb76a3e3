<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <source>确认在岗</source>
        <translation>Confirm on duty</translation>
    </message>
    <message>
        <source>查看</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>确认提醒</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>已知晓并在处理：停止响铃，事项完成前仍保留在列表中</source>
        <translation>Acknowledged and being handled: stops the ringing; the item stays in the list until it is done</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>已超时 {0} 项</source>
        <translation>{0} overdue</translation>
    </message>
    <message>
        <source>已到期 {0} 项</source>
        <translation>{0} due</translation>
    </message>
    <message>
        <source>⚠ {0}：</source>
        <translation>⚠ {0}: </translation>
    </message>
    <message>
        <source>　请点「确认在岗」</source>
        <translation>  Please click "Confirm on duty"</translation>
    </message>
    <message>
        <source>{0} — {1}（{2}）</source>
        <translation>{0} — {1} ({2})</translation>
    </message>
    <message>
        <source>提醒读取失败</source>
        <translation>Could not read the alerts</translation>
    </message>
    <message>
        <source>无法读取提醒列表，详情已写入日志；请检查数据库。</source>
        <translation>The alert list could not be read; details are in the log. Please check the database.</translation>
    </message>
    <message>
        <source>值班提醒：已超时</source>
        <translation>Duty alert: overdue</translation>
    </message>
    <message>
        <source>值班提醒：已到期</source>
        <translation>Duty alert: due</translation>
    </message>
    <message>
        <source>值班提醒：即将到期</source>
        <translation>Duty alert: due soon</translation>
    </message>
    <message>
        <source>值班提醒：仍未处理</source>
        <translation>Duty alert: still not handled</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>新增用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>修改用户 {0}</source>
        <translation>Edit user {0}</translation>
    </message>
    <message>
        <source>字母、数字，例如 zhangsan</source>
        <translation>Letters and digits, e.g. zhangsan</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>对应值班人员</source>
        <translation>Linked duty staff</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <source>至少 {0} 位</source>
        <translation>At least {0} characters</translation>
    </message>
    <message>
        <source>确认密码</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>可以登录</source>
        <translation>Can log in</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>值班员：登记、报送、交接班；带班领导：另可批准换班、代为确认交接班；管理员：另可修改设置、管理用户、发布值班表、恢复备份。关联值班人员后，本人登录即可确认自己的接班。</source>
        <translation>Duty officer: logging, reporting, handover. Shift leader: also approves swaps and confirms handovers for others. Administrator: also changes settings, manages users, publishes the rota and restores backups. Link the account to a duty staff member so they can confirm their own handover.</translation>
    </message>
    <message>
        <source>修改我的密码</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <source>重置 {0} 的密码</source>
        <translation>Reset the password of {0}</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>确认新密码</source>
        <translation>Confirm new password</translation>
    </message>
    <message>
        <source>接班签到</source>
        <translation>Sign in for the shift</translation>
    </message>
    <message>
        <source>签到岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>签到人</source>
        <translation>Signed in by</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>替班时请写明原因，例如：与张三调班</source>
        <translation>When standing in, give the reason, e.g. swapped with Zhang San</translation>
    </message>
    <message>
        <source>本岗位今日未排班，签到人将记为值守人员。</source>
        <translation>Nobody is rostered for this post today; the person signing in will be recorded as on duty.</translation>
    </message>
    <message>
        <source>排班：{0}　{1}</source>
        <translation>Rostered: {0}  {1}</translation>
    </message>
    <message>
        <source>排班为 {0}，将记录为替班。</source>
        <translation>{0} is rostered; this will be recorded as standing in.</translation>
    </message>
    <message>
        <source>记录上级查岗</source>
        <translation>Record an inspection call</translation>
    </message>
    <message>
        <source>查岗时间</source>
        <translation>Time of the call</translation>
    </message>
    <message>
        <source>例如：县应急管理局值班室 王科长</source>
        <translation>E.g. county emergency management duty room, Section Chief Wang</translation>
    </message>
    <message>
        <source>查岗单位/人员</source>
        <translation>Inspecting office / person</translation>
    </message>
    <message>
        <source>查岗方式</source>
        <translation>How</translation>
    </message>
    <message>
        <source>接听/应答人</source>
        <translation>Answered by</translation>
    </message>
    <message>
        <source>按规定及时应答（电话响铃三声内接听）</source>
        <translation>Answered in time (within three rings)</translation>
    </message>
    <message>
        <source>应答</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>查岗结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>编辑人员</source>
        <translation>Edit person</translation>
    </message>
    <message>
        <source>新增人员</source>
        <translation>New person</translation>
    </message>
    <message>
        <source>值班层级</source>
        <translation>Duty tier</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>11 位手机号</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>办公电话</source>
        <translation>Office phone</translation>
    </message>
    <message>
        <source>例如 0731-86210000</source>
        <translation>E.g. 0731-86210000</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>编辑联动单位</source>
        <translation>Edit partner unit</translation>
    </message>
    <message>
        <source>新增联动单位</source>
        <translation>New partner unit</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>24 小时值班电话</source>
        <translation>24-hour duty phone</translation>
    </message>
    <message>
        <source>例如 0731-86210110</source>
        <translation>E.g. 0731-86210110</translation>
    </message>
    <message>
        <source>联络员</source>
        <translation>Liaison</translation>
    </message>
    <message>
        <source>联络员手机</source>
        <translation>Liaison mobile</translation>
    </message>
    <message>
        <source>联络员职务</source>
        <translation>Liaison position</translation>
    </message>
    <message>
        <source>一线联动单位（派单后 30 分钟内到达，其他单位 40 分钟）</source>
        <translation>First-line unit (on site within 30 minutes of dispatch; others 40 minutes)</translation>
    </message>
    <message>
        <source>响应类别</source>
        <translation>Response class</translation>
    </message>
    <message>
        <source>表头需包含：姓名、值班层级（主要领导 / 带班领导 / 值班员）、手机（11 位）；可选：部门、职务、办公电话。支持 .xlsx 和 .csv（UTF-8 或 GBK）。任何一行有误则整个文件不导入。</source>
        <translation>The header row must hold: name, duty tier (chief / shift leader / duty officer), mobile (11 digits); optional: department, position, office phone. .xlsx and .csv (UTF-8 or GBK) are read. If any row is wrong, nothing in the file is imported.</translation>
    </message>
    <message>
        <source>导入人员</source>
        <translation>Import staff</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>尚未选择文件</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.csv);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>共 {0} 人，检查无误。点击「导入」加入通讯录。</source>
        <translation>{0} people, no problems found. Click "Import" to add them to the contacts.</translation>
    </message>
    <message>
        <source>发现 {0} 处错误，整个文件不会导入，请改正后重新选择：
{1}</source>
        <translation>Found {0} errors; nothing in the file will be imported. Correct them and choose the file again:
{1}</translation>
    </message>
    <message>
        <source>
……另有 {0} 处</source>
        <translation>
…and {0} more</translation>
    </message>
    <message>
        <source>无法导入：{0}</source>
        <translation>Cannot import: {0}</translation>
    </message>
    <message>
        <source>修改事件</source>
        <translation>Edit incident</translation>
    </message>
    <message>
        <source>接报登记</source>
        <translation>New incident</translation>
    </message>
    <message>
        <source>接报时间</source>
        <translation>Received at</translation>
    </message>
    <message>
        <source>接报方式</source>
        <translation>How received</translation>
    </message>
    <message>
        <source>报告人单位</source>
        <translation>Reporter's unit</translation>
    </message>
    <message>
        <source>报告人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>已知</source>
        <translation>Known</translation>
    </message>
    <message>
        <source>发生时间：</source>
        <translation>Occurred at: </translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>例如：青山村化工厂储罐泄漏</source>
        <translation>E.g. chemical plant tank leak, Qingshan Village</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>请选择</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>子类</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>死亡</source>
        <translation>Dead</translation>
    </message>
    <message>
        <source>受伤</source>
        <translation>Injured</translation>
    </message>
    <message>
        <source>失踪</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>被困</source>
        <translation>Trapped</translation>
    </message>
    <message>
        <source>伤亡（人）：</source>
        <translation>Casualties (people): </translation>
    </message>
    <message>
        <source>涉及人数</source>
        <translation>People involved</translation>
    </message>
    <message>
        <source>直接经济损失：</source>
        <translation>Direct economic loss: </translation>
    </message>
    <message>
        <source>事件概要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>已采取措施</source>
        <translation>Actions taken</translation>
    </message>
    <message>
        <source>已知情领导和单位</source>
        <translation>Leaders and units informed</translation>
    </message>
    <message>
        <source>例如：核实后伤亡人数变化</source>
        <translation>E.g. casualty figures changed after checking</translation>
    </message>
    <message>
        <source>修改说明</source>
        <translation>Reason for the change</translation>
    </message>
    <message>
        <source>（未定）</source>
        <translation>(not decided)</translation>
    </message>
    <message>
        <source>记录报送</source>
        <translation>Record a report</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>报送时间</source>
        <translation>Sent at</translation>
    </message>
    <message>
        <source>例如：县委县政府总值班室</source>
        <translation>E.g. county general duty office</translation>
    </message>
    <message>
        <source>报送对象</source>
        <translation>Sent to</translation>
    </message>
    <message>
        <source>报送人</source>
        <translation>Sent by</translation>
    </message>
    <message>
        <source>报告内容</source>
        <translation>Report text</translation>
    </message>
    <message>
        <source>联动派单</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>值班室</source>
        <translation>duty room</translation>
    </message>
    <message>
        <source>联动单位 *：</source>
        <translation>Partner units *:</translation>
    </message>
    <message>
        <source>派单时间</source>
        <translation>Dispatched at</translation>
    </message>
    <message>
        <source>派单反馈</source>
        <translation>Dispatch feedback</translation>
    </message>
    <message>
        <source>派单</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>反馈</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>修改来电来文登记</source>
        <translation>Edit call or document</translation>
    </message>
    <message>
        <source>来电来文登记</source>
        <translation>Call or document</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>来电（文）单位</source>
        <translation>From (unit)</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>批转</source>
        <translation>Passed to</translation>
    </message>
    <message>
        <source>已告知</source>
        <translation>Informed</translation>
    </message>
    <message>
        <source>领导批示</source>
        <translation>Leader's instruction</translation>
    </message>
    <message>
        <source>处理情况</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>转为事件</source>
        <translation>Make an incident</translation>
    </message>
    <message>
        <source>打印预览 — {0}</source>
        <translation>Print preview — {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;　共 {1} 页</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;  {1} pages</translation>
    </message>
    <message>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>未能保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>无法写入 {0}：{1}</source>
        <translation>Cannot write {0}: {1}</translation>
    </message>
    <message>
        <source>未能打印</source>
        <translation>Not printed</translation>
    </message>
    <message>
        <source>打印机无法开始打印，请检查打印机是否连接。</source>
        <translation>The printer could not start printing. Please check that it is connected.</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{0}{1}：</source>
        <translation>{0}{1}:</translation>
    </message>
    <message>
        <source>安排 / 更换</source>
        <translation>Assign / change</translation>
    </message>
    <message>
        <source>代班（他人代值此班）</source>
        <translation>Stand-in (someone else covers this shift)</translation>
    </message>
    <message>
        <source>换班（与另一天对调）</source>
        <translation>Swap (exchange with another day)</translation>
    </message>
    <message>
        <source>取消此班次</source>
        <translation>Clear this shift</translation>
    </message>
    <message>
        <source>{0}月{1}日 {2}</source>
        <translation>{2}, {0}/{1}</translation>
    </message>
    <message>
        <source>当前：{0} {1}</source>
        <translation>Now: {0} {1}</translation>
    </message>
    <message>
        <source>当前：未安排</source>
        <translation>Now: not assigned</translation>
    </message>
    <message>
        <source>变更类型：</source>
        <translation>Kind of change:</translation>
    </message>
    <message>
        <source>{0}（{1}）{2}</source>
        <translation>{0} ({1}) {2}</translation>
    </message>
    <message>
        <source>值班人员：</source>
        <translation>Duty staff:</translation>
    </message>
    <message>
        <source>对调的日期：</source>
        <translation>Swap with the date:</translation>
    </message>
    <message>
        <source>提出调整的人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>换班、代班须填写</source>
        <translation>Required for swaps and stand-ins</translation>
    </message>
    <message>
        <source>申请人：</source>
        <translation>Requested by:</translation>
    </message>
    <message>
        <source>批准人：</source>
        <translation>Approved by:</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>不需要（安排、更换、取消不经批准）</source>
        <translation>Not needed (assigning, changing and clearing are not approved)</translation>
    </message>
    <message>
        <source>没有可安排的{0}</source>
        <translation>No {0} available</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>Workday</translation>
    </message>
    <message>
        <source>周末</source>
        <translation>Weekend</translation>
    </message>
    <message>
        <source>节假日</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>加权工作量（含前一年）</source>
        <translation>Weighted load (incl. year before)</translation>
    </message>
    <message>
        <source>求最少空班</source>
        <translation>fewest empty slots</translation>
    </message>
    <message>
        <source>均衡各类班次</source>
        <translation>balance of each kind of day</translation>
    </message>
    <message>
        <source>均衡加权工作量</source>
        <translation>balance of weighted load</translation>
    </message>
    <message>
        <source>照顾个人请求</source>
        <translation>people's requests</translation>
    </message>
    <message>
        <source>保持轮换顺序</source>
        <translation>keeping the rotation</translation>
    </message>
    <message>
        <source>自动排班</source>
        <translation>Fill the rota</translation>
    </message>
    <message>
        <source>只填补范围内尚未安排的班次；手工安排、换班和已排的班次保持不变。先求空班最少，再求公平（同类班次和加权工作量，计入此前一年），再照顾个人的尽量不排请求。先预览，确认后保存的就是预览的排班。</source>
        <translation>Only slots in the range that are still empty are filled; hand-made, swapped and earlier assignments stay. First the fewest empty slots, then fairness (duties of each kind and weighted load, counting the year before), then people's requests not to be on duty. Preview first; what you save is exactly the preview.</translation>
    </message>
    <message>
        <source>停止</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>停止计算，不生成排班</source>
        <translation>Stop the search; no rota is made</translation>
    </message>
    <message>
        <source>&lt;b&gt;公平性&lt;/b&gt;（范围内每人班次，含已安排的；加权工作量含此前一年，权重见设置，默认工作日 1、周末 2、节假日 3）</source>
        <translation>&lt;b&gt;Fairness&lt;/b&gt; (duties per person in the range, including those already set; the weighted load counts the year before, weights in Settings, by default workday 1, weekend 2, holiday 3)</translation>
    </message>
    <message>
        <source>这是限时内找到的最佳排班，未证明最优（已证明：{0}）。</source>
        <translation>The best rota found within the time limit, not proven best (proven: {0}).</translation>
    </message>
    <message>
        <source>这是限时内找到的最佳排班，未证明最优。</source>
        <translation>The best rota found within the time limit, not proven best.</translation>
    </message>
    <message>
        <source>加权工作量（计入此前一年）同层级相差：{0}。</source>
        <translation>Weighted load (counting the year before), largest difference within a tier: {0}.</translation>
    </message>
    <message>
        <source>未能照顾的尽量不排请求：{0}（照顾会多空班或更不公平）。</source>
        <translation>Requests not kept: {0} (keeping them would leave more slots empty or be less fair).</translation>
    </message>
    <message>
        <source>{0} 至 {1} 期间的记录；请假、出差、培训排班时自动避开。「尽量不排」是个人希望不值班的日子（如孩子考试），在不多空班、不失公平时照顾，照顾不了的在排班预览中列出。</source>
        <translation>Records from {0} to {1}; nobody is rostered during leave, business trips or training. "Rather not" marks days a person asks not to be on duty (e.g. a child's exam): kept where it leaves no more slots empty and costs no fairness; the rota preview lists those it could not keep.</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>保存排班</source>
        <translation>Save the rota</translation>
    </message>
    <message>
        <source>读取值班表</source>
        <translation>reading the rota</translation>
    </message>
    <message>
        <source>第 {0}/{1} 步：{2}（已用 {3:.0f} 秒，时限 {4:.0f} 秒）</source>
        <translation>Step {0}/{1}: {2} ({3:.0f} s used, limit {4:.0f} s)</translation>
    </message>
    <message>
        <source>正在停止…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <source>已停止，没有生成排班。</source>
        <translation>Stopped; no rota was made.</translation>
    </message>
    <message>
        <source>{0}{1}相差 {2}</source>
        <translation>{0} {1}: {2} apart</translation>
    </message>
    <message>
        <source>空班最少</source>
        <translation>fewest empty slots</translation>
    </message>
    <message>
        <source>{0}（当前登录的账户）</source>
        <translation>{0} (the account logged in)</translation>
    </message>
    <message>
        <source>同类班次最均衡</source>
        <translation>most even duties of each kind</translation>
    </message>
    <message>
        <source>加权工作量最均衡</source>
        <translation>most even weighted load</translation>
    </message>
    <message>
        <source>所有班次均可排上。</source>
        <translation>Every shift can be filled.</translation>
    </message>
    <message>
        <source>有 {0} 个班次排不上（见下，红色）；已证明任何排法都至少空 {0} 个。</source>
        <translation>{0} slots stay empty (below, in red); it is proven that any rota leaves at least {0} empty.</translation>
    </message>
    <message>
        <source>有 {0} 个班次排不上（见下，红色）；未证明不能更少。</source>
        <translation>{0} slots stay empty (below, in red); it is not proven that fewer is impossible.</translation>
    </message>
    <message>
        <source>已证明最优：空班最少，其次同类班次最均衡，再次加权工作量最均衡。</source>
        <translation>Proven best: fewest empty slots, then the most even duties of each kind, then the most even weighted load.</translation>
    </message>
    <message>
        <source>同层级同类班次（计入此前一年）最多相差 {0} 次。</source>
        <translation>Within a tier and kind of day (counting the year before) people are at most {0} shifts apart.</translation>
    </message>
    <message>
        <source>注意：计入此前一年，</source>
        <translation>Note, counting the year before: </translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>（受请假、轮休或人数所限）。</source>
        <translation> (limited by leave, rest days or the number of people).</translation>
    </message>
    <message>
        <source>⚠ 范围内有 {0} 个推定的法定节假日（{1} 年尚无国务院通知，按放假办法推定）；通知公布后请核对调休和连休。</source>
        <translation>⚠ The range has {0} assumed statutory holidays ({1}: no State Council notice yet, taken from the holiday law); check bridging days and adjusted workdays when the notice is out.</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>请假、出差、培训登记</source>
        <translation>Leave, travel and training</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <source>请先在通讯录中添加人员</source>
        <translation>Please add people in Contacts first</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>特殊敏感时期</source>
        <translation>Sensitive periods</translation>
    </message>
    <message>
        <source>如重要会议、防汛关键期：这些日子按节假日标准三级值班。</source>
        <translation>E.g. an important meeting or the flood season peak: these days are staffed on three levels, like holidays.</translation>
    </message>
    <message>
        <source>名称，如：防汛关键期</source>
        <translation>Name, e.g. flood season peak</translation>
    </message>
    <message>
        <source>新增敏感时期</source>
        <translation>New sensitive period</translation>
    </message>
    <message>
        <source>应补休（天）</source>
        <translation>Days off owed</translation>
    </message>
    <message>
        <source>值班统计</source>
        <translation>Duty statistics</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>导出值班统计</source>
        <translation>Export duty statistics</translation>
    </message>
    <message>
        <source>值班统计.xlsx</source>
        <translation>duty-statistics.xlsx</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>原值班人</source>
        <translation>Rostered</translation>
    </message>
    <message>
        <source>现值班人</source>
        <translation>Now on duty</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>记录时间</source>
        <translation>Recorded at</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>排班调整记录（{0} 至 {1}）</source>
        <translation>Rota changes ({0} to {1})</translation>
    </message>
    <message>
        <source>本值班室</source>
        <translation>This desk</translation>
    </message>
    <message>
        <source>单位名称印在每份打印件的标题上；交接班时间决定每个值班日从几点开始。以后都可在「设置」中修改。</source>
        <translation>The unit's name heads every printout; the handover time sets when each duty day begins. Both can be changed later in Settings.</translation>
    </message>
    <message>
        <source>例如：某某镇人民政府</source>
        <translation>E.g. Qingshan Town People's Government</translation>
    </message>
    <message>
        <source>总值班室</source>
        <translation>General duty room</translation>
    </message>
    <message>
        <source>单位名称 *：</source>
        <translation>Unit name *:</translation>
    </message>
    <message>
        <source>值班室名称 *：</source>
        <translation>Duty room name *:</translation>
    </message>
    <message>
        <source>交接班时间：</source>
        <translation>Handover time:</translation>
    </message>
    <message>
        <source>请填写单位名称</source>
        <translation>Please enter the unit's name</translation>
    </message>
    <message>
        <source>管理员账户</source>
        <translation>Administrator account</translation>
    </message>
    <message>
        <source>管理员负责设置、用户和发布值班表，并为每位值班员、带班领导添加各自的账户。请记住密码。</source>
        <translation>The administrator sets the desk up, manages users and publishes the rota, and adds an account for every duty officer and shift leader. Remember the password.</translation>
    </message>
    <message>
        <source>例如 admin 或姓名拼音</source>
        <translation>E.g. admin or the name in pinyin</translation>
    </message>
    <message>
        <source>例如 王主任</source>
        <translation>E.g. Director Wang</translation>
    </message>
    <message>
        <source>用户名 *：</source>
        <translation>User name *:</translation>
    </message>
    <message>
        <source>姓名 *：</source>
        <translation>Name *:</translation>
    </message>
    <message>
        <source>密码 *：</source>
        <translation>Password *:</translation>
    </message>
    <message>
        <source>确认密码 *：</source>
        <translation>Confirm password *:</translation>
    </message>
    <message>
        <source>值班人员</source>
        <translation>Duty staff</translation>
    </message>
    <message>
        <source>排班、签到和交接班都要用到值班人员名单。</source>
        <translation>The rota, sign-ins and handovers all need the list of duty staff.</translation>
    </message>
    <message>
        <source>稍后在「通讯录」中逐个添加</source>
        <translation>Add people one by one later in Contacts</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>未能完成设置：{0}</source>
        <translation>Setup could not be completed: {0}</translation>
    </message>
    <message>
        <source>Dutyroom 值班室</source>
        <translation>Dutyroom</translation>
    </message>
    <message>
        <source>Dutyroom 内部错误</source>
        <translation>Dutyroom internal error</translation>
    </message>
    <message>
        <source>错误：{0}</source>
        <translation>Error: {0}</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>无法打开主窗口</source>
        <translation>Cannot open the main window</translation>
    </message>
    <message>
        <source>数据库已升级</source>
        <translation>Database upgraded</translation>
    </message>
    <message>
        <source>数据库已从版本 {0} 升级到 {1}。
升级前的备份：{2}</source>
        <translation>The database was upgraded from version {0} to {1}.
Backup taken before the upgrade: {2}</translation>
    </message>
    <message>
        <source>页面「{0}」未能打开</source>
        <translation>Page "{0}" could not be opened</translation>
    </message>
    <message>
        <source>自检失败：{0}</source>
        <translation>Self-test failed: {0}</translation>
    </message>
    <message>
        <source>自检通过：{0} 个页面（{1}）均已打开；打印、Excel 和日历导出、密码校验正常</source>
        <translation>Self-test passed: {0} pages ({1}) opened; printing, Excel and calendar export and password checks work</translation>
    </message>
    <message>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>登录解锁</source>
        <translation>Log in to unlock</translation>
    </message>
    <message>
        <source>交接班时，接班人可直接用自己的账户登录。</source>
        <translation>At handover the incoming officer can log in with their own account.</translation>
    </message>
    <message>
        <source>锁定前登录的是 {0}（{1}）</source>
        <translation>Logged in before locking: {0} ({1})</translation>
    </message>
    <message>
        <source>有 {0} 项提醒需要处理，请登录后查看。</source>
        <translation>{0} alerts need attention; log in to see them.</translation>
    </message>
    <message>
        <source>暂无需要处理的提醒。</source>
        <translation>No alerts need attention.</translation>
    </message>
    <message>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>{0}（Ctrl+{1}）</source>
        <translation>{0} (Ctrl+{1})</translation>
    </message>
    <message>
        <source>示例数据：当前数据库是演示用的示例乡镇（人员、电话均为虚构），请勿用于实际值班。</source>
        <translation>Sample data: this database is the made-up sample town for trying the app out (people and phone numbers are fictitious). Do not use it for real duty.</translation>
    </message>
    <message>
        <source>数据库：{0}　结构版本：{1}</source>
        <translation>Database: {0}  Schema version: {1}</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>锁定屏幕（Ctrl+L）</source>
        <translation>Lock the screen (Ctrl+L)</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>读取设置失败</source>
        <translation>Could not read the settings</translation>
    </message>
    <message>
        <source>（未设置单位名称，请在「设置」中填写）</source>
        <translation>(No unit name yet: please fill it in under Settings)</translation>
    </message>
    <message>
        <source>{0}　·　交接班时间 {1}</source>
        <translation>{0}  ·  Handover at {1}</translation>
    </message>
    <message>
        <source>{0:%Y年%m月%d日} {1}　{2:%H:%M:%S}</source>
        <translation>{1}, {0:%d %b %Y}  {2:%H:%M:%S}</translation>
    </message>
    <message>
        <source>自动备份失败</source>
        <translation>Automatic backup failed</translation>
    </message>
    <message>
        <source>一</source>
        <comment>weekday</comment>
        <translation>Mon</translation>
    </message>
    <message>
        <source>二</source>
        <comment>weekday</comment>
        <translation>Tue</translation>
    </message>
    <message>
        <source>三</source>
        <comment>weekday</comment>
        <translation>Wed</translation>
    </message>
    <message>
        <source>四</source>
        <comment>weekday</comment>
        <translation>Thu</translation>
    </message>
    <message>
        <source>五</source>
        <comment>weekday</comment>
        <translation>Fri</translation>
    </message>
    <message>
        <source>六</source>
        <comment>weekday</comment>
        <translation>Sat</translation>
    </message>
    <message>
        <source>日</source>
        <comment>weekday</comment>
        <translation>Sun</translation>
    </message>
    <message>
        <source>主</source>
        <comment>tier</comment>
        <translation>C</translation>
    </message>
    <message>
        <source>带</source>
        <comment>tier</comment>
        <translation>L</translation>
    </message>
    <message>
        <source>值</source>
        <comment>tier</comment>
        <translation>O</translation>
    </message>
    <message>
        <source>{0}月{1}日</source>
        <translation>{0}/{1}</translation>
    </message>
    <message>
        <source>星期{0}</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>{0}（不在本月）</source>
        <translation>{0} (not in this month)</translation>
    </message>
    <message>
        <source>特殊敏感时期：</source>
        <translation>Sensitive period: </translation>
    </message>
    <message>
        <source>{0}：{1} {2}</source>
        <translation>{0}: {1} {2}</translation>
    </message>
    <message>
        <source>{0}：未安排</source>
        <translation>{0}: not assigned</translation>
    </message>
    <message>
        <source>休</source>
        <translation>off</translation>
    </message>
    <message>
        <source>班</source>
        <translation>work</translation>
    </message>
    <message>
        <source>推定</source>
        <translation>assumed</translation>
    </message>
    <message>
        <source>在岗</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>一线（30 分钟）</source>
        <translation>First line (30 minutes)</translation>
    </message>
    <message>
        <source>其他（40 分钟）</source>
        <translation>Other (40 minutes)</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Activate</translation>
    </message>
    <message>
        <source>显示已停用</source>
        <translation>Show inactive</translation>
    </message>
    <message>
        <source>新增{0}</source>
        <translation>New {0}</translation>
    </message>
    <message>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>回车 或 双击</source>
        <translation>Enter or double-click</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>显示 {0} 条，共 {1} 条（启用 {2}）</source>
        <translation>Showing {0} of {1} ({2} active)</translation>
    </message>
    <message>
        <source>读取失败</source>
        <translation>Could not read</translation>
    </message>
    <message>
        <source>停用{0}</source>
        <translation>Deactivate {0}</translation>
    </message>
    <message>
        <source>停用「{0}」后不再参与排班和派单，历史记录保留。确定停用吗？</source>
        <translation>After deactivating "{0}" they are no longer rostered or dispatched; their history stays. Deactivate?</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>People</translation>
    </message>
    <message>
        <source>搜索姓名、手机、部门、职务…（Ctrl+F）</source>
        <translation>Search name, mobile, department, position… (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <source>从 Excel/CSV 导入…</source>
        <translation>Import from Excel/CSV…</translation>
    </message>
    <message>
        <source>显示 {0} 人；在岗 {1} 人（{2}），已停用 {3} 人</source>
        <translation>Showing {0}; {1} active ({2}), {3} inactive</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>已导入 {0} 名人员。</source>
        <translation>{0} people imported.</translation>
    </message>
    <message>
        <source>联动单位</source>
        <translation>Partner units</translation>
    </message>
    <message>
        <source>搜索单位、电话、联络员…（Ctrl+F）</source>
        <translation>Search unit, phone, liaison… (Ctrl+F)</translation>
    </message>
    <message>
        <source>通讯录</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>外勤包 (*.dutyroom *.sqlite3);;所有文件 (*)</source>
        <translation>Field packages (*.dutyroom *.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <source>Dutyroom 数据库 (*.sqlite3 *.dutyroom);;所有文件 (*)</source>
        <translation>Dutyroom databases (*.sqlite3 *.dutyroom);;All files (*)</translation>
    </message>
    <message>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>数据与账户</source>
        <translation>Data and accounts</translation>
    </message>
    <message>
        <source>&lt;b&gt;备份&lt;/b&gt;</source>
        <translation>&lt;b&gt;Backups&lt;/b&gt;</translation>
    </message>
    <message>
        <source>备份时间</source>
        <translation>Backed up at</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>另存备份…</source>
        <translation>Save a backup as…</translation>
    </message>
    <message>
        <source>恢复所选…</source>
        <translation>Restore selected…</translation>
    </message>
    <message>
        <source>从文件恢复…</source>
        <translation>Restore from file…</translation>
    </message>
    <message>
        <source>&lt;b&gt;外勤包&lt;/b&gt;</source>
        <translation>&lt;b&gt;Field packages&lt;/b&gt;</translation>
    </message>
    <message>
        <source>外出带笔记本时，导出一段时间的外勤包（值班表、通讯录、未办结事件）；在笔记本上用「从文件恢复…」载入。回来后在笔记本上「另存备份…」，再在这里「合并外勤数据…」：新登记的事件、报送、派单和来电按编号并入；双方都改过的记录两份都保留为修订；同一文件合并两次不会重复。</source>
        <translation>When taking a laptop into the field, export a field package for a period (rota, contacts, open incidents) and load it on the laptop with "Restore from file…". Back at the desk, use "Save a backup as…" on the laptop, then "Merge field data…" here: new incidents, reports, dispatches and calls are merged by their ids; records changed on both sides are both kept as revisions; merging the same file twice adds nothing.</translation>
    </message>
    <message>
        <source>导出外勤包…</source>
        <translation>Export a field package…</translation>
    </message>
    <message>
        <source>合并外勤数据…</source>
        <translation>Merge field data…</translation>
    </message>
    <message>
        <source>&lt;b&gt;用户和权限&lt;/b&gt;</source>
        <translation>&lt;b&gt;Users and permissions&lt;/b&gt;</translation>
    </message>
    <message>
        <source>可登录</source>
        <translation>Can log in</translation>
    </message>
    <message>
        <source>最后登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <source>从未</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>新增用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>修改我的密码…</source>
        <translation>Change my password…</translation>
    </message>
    <message>
        <source>本值班台连接的是服务器数据库（PostgreSQL），由服务器管理员用 pg_dump 定期备份，不在值班台上备份。</source>
        <translation>This desk uses the server database (PostgreSQL); the server's administrator backs it up with pg_dump. Desks do not back it up.</translation>
    </message>
    <message>
        <source>每次启动、运行中每天一次和退出时自动备份到 {0}，保留最近 7 天每天一份、最近 4 周每周一份；手动备份和恢复前保留的副本不会自动删除。恢复前会先校验备份文件（完整性、版本、审计链），并保留被替换的数据库。</source>
        <translation>Backed up automatically to {0} at every start, once a day while running and at exit; the newest copy of each of the last 7 days and 4 weeks is kept. Manual backups and the copies kept before a restore are never deleted automatically. A backup is checked (integrity, version, audit chain) before it is restored, and the database it replaces is kept.</translation>
    </message>
    <message>
        <source>当前登录：{0}（{1}）。</source>
        <translation>Logged in: {0} ({1}). </translation>
    </message>
    <message>
        <source>用户由管理员管理。</source>
        <translation>Users are managed by the administrator.</translation>
    </message>
    <message>
        <source>本机数据来自{0}的外勤包（{1}—{2}，{3} 于 {4:%Y-%m-%d %H:%M} 导出）。回到值班台后，请用「另存备份…」把本机数据交值班台合并。</source>
        <translation>The data on this computer comes from the field package of {0} ({1}—{2}, exported by {3} at {4:%Y-%m-%d %H:%M}). Back at the desk, use "Save a backup as…" and have the desk merge it.</translation>
    </message>
    <message>
        <source>已备份</source>
        <translation>Backed up</translation>
    </message>
    <message>
        <source>已备份到：
{0}</source>
        <translation>Backed up to:
{0}</translation>
    </message>
    <message>
        <source>值班室数据-{0}.sqlite3</source>
        <translation>duty-room-data-{0}.sqlite3</translation>
    </message>
    <message>
        <source>另存备份</source>
        <translation>Save a backup as</translation>
    </message>
    <message>
        <source>恢复备份</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>请先在列表中选择一份备份。</source>
        <translation>Please choose a backup in the list first.</translation>
    </message>
    <message>
        <source>从文件恢复</source>
        <translation>Restore from file</translation>
    </message>
    <message>
        <source>已恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>已从 {0} 恢复。
被替换的数据库保留为：{1}</source>
        <translation>Restored from {0}.
The replaced database was kept as: {1}</translation>
    </message>
    <message>
        <source>导出外勤包</source>
        <translation>Export a field package</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>外勤包-{0:%m%d}-{1:%m%d}.dutyroom</source>
        <translation>field-package-{0:%m%d}-{1:%m%d}.dutyroom</translation>
    </message>
    <message>
        <source>合并外勤数据</source>
        <translation>Merge field data</translation>
    </message>
    <message>
        <source>{0} {1} 条</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>已合并 {0}：{1}。</source>
        <translation>Merged {0}: {1}.</translation>
    </message>
    <message>
        <source> 以下记录在外勤和值班台都改过，值班台的版本保持有效，外勤的版本已另存为修订（见事件的修订记录），请核对：{0}</source>
        <translation> These records were changed both in the field and at the desk: the desk's version stays in force and the field version is kept as a revision (see the incident's history). Please check: {0}</translation>
    </message>
    <message>
        <source>请留意：{0}</source>
        <translation>Please note: {0}</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>请先在列表中选择一位用户。</source>
        <translation>Please choose a user in the list first.</translation>
    </message>
    <message>
        <source>（未排班）</source>
        <translation>(not rostered)</translation>
    </message>
    <message>
        <source>交班人 &lt;b&gt;{0}&lt;/b&gt;　接班人 &lt;b&gt;{1}&lt;/b&gt;　带班领导 &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation>Outgoing &lt;b&gt;{0}&lt;/b&gt;  Incoming &lt;b&gt;{1}&lt;/b&gt;  Shift leader &lt;b&gt;{2}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>　主要领导 &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>  Chief &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;p style='color:#666'&gt;更正：{0} {1}：{2}&lt;/p&gt;</source>
        <translation>&lt;p style='color:#666'&gt;Correction: {0} {1}: {2}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>接班确认</source>
        <translation>Accept the handover</translation>
    </message>
    <message>
        <source>确认接班后，{0:%m月%d日}班次的交接班记录即锁定并存档，以后只能更正（留痕）。请接班人核对记录中的未办结事项后确认。</source>
        <translation>Once accepted, the handover record of the {0:%d %b} shift is locked and filed; later it can only be corrected (with a trace). The incoming officer should check the open items in the record before accepting.</translation>
    </message>
    <message>
        <source>接班人</source>
        <translation>Incoming officer</translation>
    </message>
    <message>
        <source>确认接班</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>更正交接班记录</source>
        <translation>Correct the handover record</translation>
    </message>
    <message>
        <source>已接班确认的记录不能直接修改。更正会保存为新的一版，记下更正人、时间和原因，原来的版本保留在审计记录中。</source>
        <translation>An accepted record cannot be edited. A correction is saved as a new version with who made it, when and why; the earlier version stays in the audit record.</translation>
    </message>
    <message>
        <source>更正原因（必填）</source>
        <translation>Reason for the correction (required)</translation>
    </message>
    <message>
        <source>保存更正</source>
        <translation>Save the correction</translation>
    </message>
    <message>
        <source>交接班</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>◀ 前一班</source>
        <translation>◀ Previous shift</translation>
    </message>
    <message>
        <source>本班</source>
        <translation>This shift</translation>
    </message>
    <message>
        <source>后一班 ▶</source>
        <translation>Next shift ▶</translation>
    </message>
    <message>
        <source>&lt;b&gt;设备和电话状态&lt;/b&gt;</source>
        <translation>&lt;b&gt;Equipment and phones&lt;/b&gt;</translation>
    </message>
    <message>
        <source>例如：值班电话、传真、对讲机、卫星电话正常；打印机缺纸</source>
        <translation>E.g. duty phone, fax, radios and satellite phone working; printer out of paper</translation>
    </message>
    <message>
        <source>&lt;b&gt;其他交代事项&lt;/b&gt;</source>
        <translation>&lt;b&gt;Other matters handed over&lt;/b&gt;</translation>
    </message>
    <message>
        <source>需要下一班注意或继续办理的事项</source>
        <translation>What the next shift must watch or carry on with</translation>
    </message>
    <message>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>交班人</source>
        <translation>Outgoing officer</translation>
    </message>
    <message>
        <source>已由 {0} 接班确认，记录已锁定</source>
        <translation>Accepted by {0}; the record is locked</translation>
    </message>
    <message>
        <source>（第 {0} 版）</source>
        <translation> (version {0})</translation>
    </message>
    <message>
        <source>草稿：记录随值班情况自动更新，接班人确认后锁定</source>
        <translation>Draft: the record follows the shift as it goes and is locked when the incoming officer accepts it</translation>
    </message>
    <message>
        <source>{0:%Y-%m-%d} 班次　{1}</source>
        <translation>Shift of {0:%Y-%m-%d}  {1}</translation>
    </message>
    <message>
        <source>&lt;p style='margin:2px 0'&gt;&lt;b&gt;{0}&lt;/b&gt;　{1}：{2}&lt;/p&gt;</source>
        <translation>&lt;p style='margin:2px 0'&gt;&lt;b&gt;{0}&lt;/b&gt;  {1}: {2}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;span style='color:#666'&gt;与 {0:%m月%d日}班次相比没有新增或办结的事项&lt;/span&gt;</source>
        <translation>&lt;span style='color:#666'&gt;Nothing opened or closed compared with the {0:%d %b} shift&lt;/span&gt;</translation>
    </message>
    <message>
        <source>{0:%Y-%m-%d} 交接班记录</source>
        <translation>Handover record {0:%Y-%m-%d}</translation>
    </message>
    <message>
        <source>交接班记录-{0:%Y%m%d}.pdf</source>
        <translation>handover-{0:%Y%m%d}.pdf</translation>
    </message>
    <message>
        <source>签到和查岗记录</source>
        <translation>Sign-in and inspection log</translation>
    </message>
    <message>
        <source>签到和查岗记录 {0:%m-%d} 至 {1:%m-%d}</source>
        <translation>Sign-in and inspection log {0:%m-%d} to {1:%m-%d}</translation>
    </message>
    <message>
        <source>签到查岗记录-{0:%Y%m%d}-{1:%Y%m%d}.pdf</source>
        <translation>sign-in-log-{0:%Y%m%d}-{1:%Y%m%d}.pdf</translation>
    </message>
    <message>
        <source>【已作废】</source>
        <translation>[VOID] </translation>
    </message>
    <message>
        <source>下一时限</source>
        <translation>Next deadline</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>值班日志</source>
        <translation>Duty log</translation>
    </message>
    <message>
        <source>来电来文</source>
        <translation>Calls and documents</translation>
    </message>
    <message>
        <source>搜索标题、概要、地点、报告人，例如「化工」</source>
        <translation>Search title, summary, location, reporter, e.g. "chemical"</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部级别</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>含作废</source>
        <translation>Include void</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>记录向上级的首报、续报或终报（Ctrl+R）</source>
        <translation>Record a first, follow-up or final report upward (Ctrl+R)</translation>
    </message>
    <message>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>已显示 {0} 条</source>
        <translation>{0} shown</translation>
    </message>
    <message>
        <source>，向下滚动加载更多</source>
        <translation>; scroll down for more</translation>
    </message>
    <message>
        <source>没有符合条件的记录</source>
        <translation>Nothing matches</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b style='color:{0}'&gt;{1}&lt;/b&gt;　{2}{3}　&lt;b&gt;{4}&lt;/b&gt;</source>
        <translation>&lt;p&gt;&lt;b style='color:{0}'&gt;{1}&lt;/b&gt;  {2}{3}  &lt;b&gt;{4}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>　&lt;b style='color:{0}'&gt;已作废：{1}&lt;/b&gt;</source>
        <translation>  &lt;b style='color:{0}'&gt;Void: {1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>接报</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>发生</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <source>伤亡</source>
        <translation>Casualties</translation>
    </message>
    <message>
        <source>死亡 {0}，受伤 {1}，失踪 {2}，被困 {3}；涉及 {4} 人；损失 {5:g} 万元</source>
        <translation>{0} dead, {1} injured, {2} missing, {3} trapped; {4} people involved; loss {5:g} × 10,000 yuan</translation>
    </message>
    <message>
        <source>概要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>已知情</source>
        <translation>Informed</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>来电来文登记 #{0}</source>
        <translation>Call or document #{0}</translation>
    </message>
    <message>
        <source>&lt;h4&gt;报送和到场时限&lt;/h4&gt;&lt;table cellspacing=0 cellpadding=3&gt;</source>
        <translation>&lt;h4&gt;Report and arrival deadlines&lt;/h4&gt;&lt;table cellspacing=0 cellpadding=3&gt;</translation>
    </message>
    <message>
        <source>&lt;span style='color:{0}'&gt;迟报（{1}）&lt;/span&gt;</source>
        <translation>&lt;span style='color:{0}'&gt;Late ({1})&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style='color:#1e7e34'&gt;已完成（{0}）&lt;/span&gt;</source>
        <translation>&lt;span style='color:#1e7e34'&gt;Done ({0})&lt;/span&gt;</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>Not yet due</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;{0}&lt;/td&gt;&lt;td&gt;{1} 前&lt;/td&gt;&lt;td&gt;{2}&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;{0}&lt;/td&gt;&lt;td&gt;by {1}&lt;/td&gt;&lt;td&gt;{2}&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;h4&gt;派单&lt;/h4&gt;&lt;table cellspacing=0 cellpadding=3&gt;</source>
        <translation>&lt;h4&gt;Dispatches&lt;/h4&gt;&lt;table cellspacing=0 cellpadding=3&gt;</translation>
    </message>
    <message>
        <source>到达 {0}</source>
        <translation>Arrived {0}</translation>
    </message>
    <message>
        <source>应于 {0} 前到达</source>
        <translation>Due on site by {0}</translation>
    </message>
    <message>
        <source>，办结 {0}</source>
        <translation>, closed {0}</translation>
    </message>
    <message>
        <source>&lt;h4&gt;报送记录&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;Reports&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>&lt;span style='color:{0}'&gt;（迟报）&lt;/span&gt;</source>
        <translation>&lt;span style='color:{0}'&gt; (late)&lt;/span&gt;</translation>
    </message>
    <message>
        <source>上级</source>
        <translation>upper level</translation>
    </message>
    <message>
        <source>&lt;h4&gt;处理经过&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;History&lt;/h4&gt;</translation>
    </message>
    <message>
        <source>已记录为迟报</source>
        <translation>Recorded as late</translation>
    </message>
    <message>
        <source>报送已记录。该报送晚于时限 {0}，已如实记为迟报。</source>
        <translation>The report is recorded. It was sent after the deadline {0} and has been recorded as late, as it was.</translation>
    </message>
    <message>
        <source>{0} 信息报告（{1}）</source>
        <translation>{0} written report ({1})</translation>
    </message>
    <message>
        <source>信息报告-{0}-{1}.pdf</source>
        <translation>report-{0}-{1}.pdf</translation>
    </message>
    <message>
        <source>通讯录中还没有联动单位，请先在「通讯录」中添加。</source>
        <translation>There are no partner units in Contacts yet; please add them under Contacts first.</translation>
    </message>
    <message>
        <source>重新打开的原因：</source>
        <translation>Reason for reopening:</translation>
    </message>
    <message>
        <source>作废事件</source>
        <translation>Void the incident</translation>
    </message>
    <message>
        <source>作废「{0}」的原因（记录保留，标记为作废）：</source>
        <translation>Reason for voiding "{0}" (the record stays, marked void):</translation>
    </message>
    <message>
        <source>来电（文）</source>
        <translation>Call (document)</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>已转为事件 #{0}</source>
        <translation>Made incident #{0}</translation>
    </message>
    <message>
        <source>作废登记</source>
        <translation>Void the entry</translation>
    </message>
    <message>
        <source>作废原因：</source>
        <translation>Reason for voiding:</translation>
    </message>
    <message>
        <source>按国务院安排</source>
        <translation>Official calendar</translation>
    </message>
    <message>
        <source>法定节假日</source>
        <translation>Statutory holiday</translation>
    </message>
    <message>
        <source>调休上班</source>
        <translation>Adjusted workday</translation>
    </message>
    <message>
        <source>值班表 Excel（.xlsx）</source>
        <translation>Rota Excel (.xlsx)</translation>
    </message>
    <message>
        <source>CSV（.csv）</source>
        <translation>CSV (.csv)</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>手机日历（.ics，全体）</source>
        <translation>Phone calendar (.ics, everyone)</translation>
    </message>
    <message>
        <source>排班</source>
        <translation>Rota</translation>
    </message>
    <message>
        <source>上个月（PageUp）</source>
        <translation>Previous month (PageUp)</translation>
    </message>
    <message>
        <source>下个月（PageDown）</source>
        <translation>Next month (PageDown)</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>自动排班…</source>
        <translation>Fill the rota…</translation>
    </message>
    <message>
        <source>请假登记…</source>
        <translation>Leave…</translation>
    </message>
    <message>
        <source>敏感时期…</source>
        <translation>Sensitive periods…</translation>
    </message>
    <message>
        <source>值班统计…</source>
        <translation>Duty statistics…</translation>
    </message>
    <message>
        <source>打印/导出</source>
        <translation>Print / export</translation>
    </message>
    <message>
        <source>发布本月</source>
        <translation>Publish this month</translation>
    </message>
    <message>
        <source>检查无误后发布本月值班表</source>
        <translation>Check this month's rota and publish it</translation>
    </message>
    <message>
        <source>节日名称（可选）</source>
        <translation>Holiday name (optional)</translation>
    </message>
    <message>
        <source>{0}月值班表（月历）…</source>
        <translation>Rota for month {0} (calendar)…</translation>
    </message>
    <message>
        <source>{0}月值班表（报备名单，含手机）…</source>
        <translation>Rota for month {0} (list with mobiles)…</translation>
    </message>
    <message>
        <source>{0}值班表报备（{1:%m-%d} 至 {2:%m-%d}）…</source>
        <translation>{0} rota to report ({1:%m-%d} to {2:%m-%d})…</translation>
    </message>
    <message>
        <source>打印{0}</source>
        <translation>Print {0}</translation>
    </message>
    <message>
        <source>导出{0}…</source>
        <translation>Export {0}…</translation>
    </message>
    <message>
        <source>本月调整记录…</source>
        <translation>This month's rota changes…</translation>
    </message>
    <message>
        <source>导入值班表 Excel…</source>
        <translation>Import a rota Excel file…</translation>
    </message>
    <message>
        <source>值班表 {0:%Y-%m-%d} 至 {1:%Y-%m-%d}</source>
        <translation>Rota {0:%Y-%m-%d} to {1:%Y-%m-%d}</translation>
    </message>
    <message>
        <source>值班表-{0:%Y%m%d}-{1:%Y%m%d}.pdf</source>
        <translation>rota-{0:%Y%m%d}-{1:%Y%m%d}.pdf</translation>
    </message>
    <message>
        <source>{0}年{1}月</source>
        <translation>{1}/{0}</translation>
    </message>
    <message>
        <source>（{0} 个班次未安排）</source>
        <translation> ({0} shifts not assigned)</translation>
    </message>
    <message>
        <source>（{0} 天有问题）</source>
        <translation> ({0} days with problems)</translation>
    </message>
    <message>
        <source>（已发布）</source>
        <translation> (published)</translation>
    </message>
    <message>
        <source>（未发布）</source>
        <translation> (draft)</translation>
    </message>
    <message>
        <source>{0}年{1}月{2}</source>
        <translation>{1}/{0}{2}</translation>
    </message>
    <message>
        <source>已保存，但请注意</source>
        <translation>Saved, but please note</translation>
    </message>
    <message>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>部分班次未能排上</source>
        <translation>Some shifts could not be filled</translation>
    </message>
    <message>
        <source>不能发布</source>
        <translation>Cannot publish</translation>
    </message>
    <message>
        <source>值班表还有以下问题，请先处理：
</source>
        <translation>The rota still has these problems; please deal with them first:
</translation>
    </message>
    <message>
        <source>已发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <source>{0}年{1}月值班表已通过检查并发布（{2} 天）。</source>
        <translation>The rota for {1}/{0} passed the checks and is published ({2} days).</translation>
    </message>
    <message>
        <source>导出{0}</source>
        <translation>Export {0}</translation>
    </message>
    <message>
        <source>值班表-{0:%Y年%m月}.{1}</source>
        <translation>rota-{0:%Y-%m}.{1}</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>导入值班表</source>
        <translation>Import a rota</translation>
    </message>
    <message>
        <source>值班表未导入</source>
        <translation>Rota not imported</translation>
    </message>
    <message>
        <source>整个文件未导入：
{0}</source>
        <translation>Nothing in the file was imported:
{0}</translation>
    </message>
    <message>
        <source>已导入 {0} 个班次。</source>
        <translation>{0} shifts imported.</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&lt;b&gt;本值班室&lt;/b&gt;</source>
        <translation>&lt;b&gt;This desk&lt;/b&gt;</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>不自动锁屏</source>
        <translation>Never lock automatically</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>字体缩放在下次启动时生效。</source>
        <translation>The font size takes effect at the next start.</translation>
    </message>
    <message>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>&lt;b&gt;信息报送时限&lt;/b&gt;</source>
        <translation>&lt;b&gt;Reporting deadlines&lt;/b&gt;</translation>
    </message>
    <message>
        <source>套用：</source>
        <translation>Use: </translation>
    </message>
    <message>
        <source>（选择预设）</source>
        <translation>(choose a preset)</translation>
    </message>
    <message>
        <source>电话报告（分钟，0 为不要求）</source>
        <translation>Phone report (minutes, 0 = not required)</translation>
    </message>
    <message>
        <source>书面报告（分钟）</source>
        <translation>Written report (minutes)</translation>
    </message>
    <message>
        <source>&lt;b&gt;本机&lt;/b&gt;</source>
        <translation>&lt;b&gt;This computer&lt;/b&gt;</translation>
    </message>
    <message>
        <source>界面语言：</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <source>界面语言只对这台电脑有效，重新启动 Dutyroom 后生效；打印件和记录内容始终为中文。</source>
        <translation>The interface language applies to this computer only and takes effect when Dutyroom is started again; printouts and the record itself stay in Chinese.</translation>
    </message>
    <message>
        <source>已选择「{0}」，重新启动 Dutyroom 后生效。</source>
        <translation>"{0}" chosen; it takes effect when Dutyroom is started again.</translation>
    </message>
    <message>
        <source>&lt;b&gt;签到、在岗确认和节假日报送&lt;/b&gt;</source>
        <translation>&lt;b&gt;Sign-in, presence checks and holiday reports&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;排班&lt;/b&gt;</source>
        <translation>&lt;b&gt;Rota&lt;/b&gt;</translation>
    </message>
    <message>
        <source>已填入「{0}」的时限，保存后生效。</source>
        <translation>Deadlines of "{0}" filled in; they take effect when saved.</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>没有改动。</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <source>未保存：{0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <source>还剩 {0} 天 {1} 小时</source>
        <translation>{0} d {1} h left</translation>
    </message>
    <message>
        <source>还剩 {0}:{1:02d}:{2:02d}</source>
        <translation>{0}:{1:02d}:{2:02d} left</translation>
    </message>
    <message>
        <source>还剩 {0:02d}:{1:02d}</source>
        <translation>{0:02d}:{1:02d} left</translation>
    </message>
    <message>
        <source>刚到期</source>
        <translation>Just due</translation>
    </message>
    <message>
        <source>超时 {0} 天 {1} 小时</source>
        <translation>{0} d {1} h overdue</translation>
    </message>
    <message>
        <source>超时 {0} 小时 {1} 分</source>
        <translation>{0} h {1} min overdue</translation>
    </message>
    <message>
        <source>超时 {0} 分钟</source>
        <translation>{0} min overdue</translation>
    </message>
    <message>
        <source>今日值班</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>记录查岗</source>
        <translation>Record an inspection call</translation>
    </message>
    <message>
        <source>在岗确认</source>
        <translation>Confirm on duty</translation>
    </message>
    <message>
        <source>上级查岗</source>
        <translation>Inspection calls</translation>
    </message>
    <message>
        <source>&lt;b&gt;值班人员&lt;/b&gt;</source>
        <translation>&lt;b&gt;On duty&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;提醒&lt;/b&gt;</source>
        <translation>&lt;b&gt;Alerts&lt;/b&gt;</translation>
    </message>
    <message>
        <source>表示已知晓并在处理；事项完成前仍保留在列表中</source>
        <translation>Means known and being handled; the item stays in the list until it is done</translation>
    </message>
    <message>
        <source>记为已报送</source>
        <translation>Mark as reported</translation>
    </message>
    <message>
        <source>打开提醒所涉及的事件或签到（双击亦可）</source>
        <translation>Open the incident or sign-in the alert is about (or double-click)</translation>
    </message>
    <message>
        <source>没有即将到期或超时的事项。</source>
        <translation>Nothing due soon or overdue.</translation>
    </message>
    <message>
        <source>到期时间</source>
        <translation>Due at</translation>
    </message>
    <message>
        <source>倒计时</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>&lt;b&gt;未办结事件&lt;/b&gt;</source>
        <translation>&lt;b&gt;Open incidents&lt;/b&gt;</translation>
    </message>
    <message>
        <source>　敏感时期：{0}</source>
        <translation>  Sensitive period: {0}</translation>
    </message>
    <message>
        <source>　{0:%Y年%m月%d日} {1}（{2}）　班次 {3:%m-%d %H:%M} — {4:%m-%d %H:%M}{5}</source>
        <translation>  {1}, {0:%d %b %Y} ({2})  Shift {3:%m-%d %H:%M} — {4:%m-%d %H:%M}{5}</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>签到</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>未排班</source>
        <translation>Not rostered</translation>
    </message>
    <message>
        <source>签到时间 {0:%H:%M} — {1:%H:%M}（Ctrl+K）</source>
        <translation>Sign-in time {0:%H:%M} — {1:%H:%M} (Ctrl+K)</translation>
    </message>
    <message>
        <source>✓ {0:%H:%M} 已签到</source>
        <translation>✓ Signed in {0:%H:%M}</translation>
    </message>
    <message>
        <source>（{0} 替班）</source>
        <translation> ({0} standing in)</translation>
    </message>
    <message>
        <source>&lt;span style='color:{0}'&gt;无需签到&lt;/span&gt;</source>
        <translation>&lt;span style='color:{0}'&gt;No sign-in needed&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style='color:{0}'&gt;{1:%H:%M} 起签到&lt;/span&gt;</source>
        <translation>&lt;span style='color:{0}'&gt;Sign-in opens {1:%H:%M}&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style='color:{0}'&gt;待签到（{1:%H:%M} 前）&lt;/span&gt;</source>
        <translation>&lt;span style='color:{0}'&gt;To sign in (by {1:%H:%M})&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style='color:{0}; font-weight:600'&gt;未签到&lt;/span&gt;</source>
        <translation>&lt;span style='color:{0}; font-weight:600'&gt;Not signed in&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style='color:{0}'&gt;本值班室未设置在岗确认。&lt;/span&gt;</source>
        <translation>&lt;span style='color:{0}'&gt;This desk has no presence checks set.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>，超时确认</source>
        <translation>, confirmed late</translation>
    </message>
    <message>
        <source>&lt;span style='color:{0}; font-weight:600'&gt;{1:%H:%M} 未确认&lt;/span&gt;</source>
        <translation>&lt;span style='color:{0}; font-weight:600'&gt;{1:%H:%M} not confirmed&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style='color:{0}; font-weight:600'&gt;{1:%H:%M} 请确认（{2:%H:%M} 前）&lt;/span&gt;</source>
        <translation>&lt;span style='color:{0}; font-weight:600'&gt;{1:%H:%M} please confirm (by {2:%H:%M})&lt;/span&gt;</translation>
    </message>
    <message>
        <source>　</source>
        <translation>  </translation>
    </message>
    <message>
        <source>&lt;span style='color:{0}'&gt;本班次尚无上级查岗记录。接到查岗电话后按 Ctrl+Shift+K 记录。&lt;/span&gt;</source>
        <translation>&lt;span style='color:{0}'&gt;No inspection call in this shift yet. Press Ctrl+Shift+K to record one when it comes.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>，{0}应答</source>
        <translation>, answered by {0}</translation>
    </message>
    <message>
        <source>，未按规定及时应答</source>
        <translation>, not answered in time as required</translation>
    </message>
    <message>
        <source>&lt;p style='margin:2px 0'&gt;{0:%H:%M} {1}（{2}）&lt;span style='color:{3}'&gt;{4}{5}{6}&lt;/span&gt;&lt;/p&gt;</source>
        <translation>&lt;p style='margin:2px 0'&gt;{0:%H:%M} {1} ({2}) &lt;span style='color:{3}'&gt;{4}{5}{6}&lt;/span&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;提醒&lt;/b&gt;　&lt;span style='color:{0}'&gt;{1} 项待处理&lt;/span&gt;</source>
        <translation>&lt;b&gt;Alerts&lt;/b&gt;  &lt;span style='color:{0}'&gt;{1} to handle&lt;/span&gt;</translation>
    </message>
    <message>
        <source>本班次需要签到的人员都已签到。</source>
        <translation>Everyone who must sign in this shift has signed in.</translation>
    </message>
    <message>
        <source>（已超过确认时限，记为超时确认）</source>
        <translation> (past the time to confirm: recorded as late)</translation>
    </message>
    <message>
        <source>已确认在岗：{0} {1:%H:%M}{2}</source>
        <translation>On duty confirmed: {0} {1:%H:%M}{2}</translation>
    </message>
    <message>
        <source>确认「{0}」已经报送？
将记录报送人和时间。</source>
        <translation>Confirm that "{0}" has been reported?
The sender and time will be recorded.</translation>
    </message>
    <message>
        <source>操作未完成：发生了内部错误（{0}）。详情已写入日志，请联系维护人员。</source>
        <translation>Not done: an internal error occurred ({0}). Details are in the log; please contact whoever supports the desk.</translation>
    </message>
    <message>
        <source>，另有 {0} 项</source>
        <translation> and {0} more</translation>
    </message>
    <message>
        <source>……另有 {0} 项</source>
        <translation>…and {0} more</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>退出 Dutyroom</source>
        <translation>Quit Dutyroom</translation>
    </message>
    <message>
        <source>不登录就退出 Dutyroom 值班室吗？
退出后提醒不再响铃，直到再次打开。</source>
        <translation>Quit Dutyroom without logging in?
No alert rings until it is opened again.</translation>
    </message>
    <message>
        <source>返回登录</source>
        <translation>Back to login</translation>
    </message>
    <message>
        <source>报送时间早于现在超过补录界限（设置，默认 30 分钟）时必填，例如：现场无法登记</source>
        <translation>Required when the sent time is earlier than now by more than the late-entry margin (a setting, default 30 minutes), e.g. could not log at the scene</translation>
    </message>
    <message>
        <source>补录原因</source>
        <translation>Reason for late entry</translation>
    </message>
    <message>
        <source>带出的账户</source>
        <translation>Accounts taken out</translation>
    </message>
    <message>
        <source>仍有提醒未处理</source>
        <translation>Alerts still pending</translation>
    </message>
    <message>
        <source>以下 {0} 项提醒已到期，尚未处理：
{1}

退出后不再响铃提醒，直到再次打开 Dutyroom。仍要退出吗？</source>
        <translation>These {0} alerts are due and nobody has taken them on:
{1}

Once Dutyroom is closed no alert rings until it is opened again. Quit anyway?</translation>
    </message>
    <message>
        <source>继续值班</source>
        <translation>Stay on duty</translation>
    </message>
    <message>
        <source>&lt;b&gt;检查数据&lt;/b&gt;</source>
        <translation>&lt;b&gt;Check the data&lt;/b&gt;</translation>
    </message>
    <message>
        <source>检查数据库完整性、审计链，以及每条记录与其最后一次审计记录是否一致。交接班记录打印件末尾印有「审计链锚点」（条数和校验码）：填入后还会核对数据库中的审计链是否仍含这一条，可发现整体改写、删去末尾记录或换成旧备份。</source>
        <translation>Checks the database's integrity, the audit chain, and that every record matches its last audited state. Each printed handover record ends with an "audit chain anchor" (entry number and check code): enter one to also check that the chain still holds that entry, which reveals a rewritten chain, deleted last entries or a file replaced by an older backup.</translation>
    </message>
    <message>
        <source>纸面锚点（可选），例如 1234:3F9A-C210-7B4E-55D1</source>
        <translation>Anchor from paper (optional), e.g. 1234:3F9A-C210-7B4E-55D1</translation>
    </message>
    <message>
        <source>审计链锚点</source>
        <translation>Audit chain anchor</translation>
    </message>
    <message>
        <source>立即检查</source>
        <translation>Check now</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>审计链现有 {0}</source>
        <translation>The audit chain now ends at {0}</translation>
    </message>
    <message>
        <source>审计链为空</source>
        <translation>The audit chain is empty</translation>
    </message>
    <message>
        <source>检查通过：数据库完好，审计链和每条记录都与审计记录一致。{0}。</source>
        <translation>Check passed: the database is intact, the audit chain and every record match their audit entries. {0}.</translation>
    </message>
    <message>
        <source>发现 {0} 个问题：</source>
        <translation>{0} problems found:</translation>
    </message>
    <message>
        <source>……另有 {0} 个</source>
        <translation>… and {0} more</translation>
    </message>
    <message>
        <source>用下面的备份替换当前数据库？
{0}

当前数据库会先另存为「恢复前自动保留」的备份，可以再恢复回来。</source>
        <translation>Replace the current database with this backup?
{0}

The current database is first kept as a "kept before restore" backup and can be restored again.</translation>
    </message>
    <message>
        <source>注意：{0}。</source>
        <translation>Note: {0}.</translation>
    </message>
    <message>
        <source>备份未通过检查</source>
        <translation>Backup failed the check</translation>
    </message>
    <message>
        <source>这个备份未通过完整性检查：
{0}

确需恢复，请写明原因（记入审计链）：</source>
        <translation>This backup failed the integrity check:
{0}

To restore it anyway, give the reason (recorded in the audit chain):</translation>
    </message>
    <message>
        <source>{0}（{1}，{2}）</source>
        <translation>{0} ({1}, {2})</translation>
    </message>
    <message>
        <source>已导出外勤包 {0}：{1}—{2}，人员 {3} 人，值班 {4} 天，未办结事件 {5} 件，预警通知 {6} 条。</source>
        <translation>Field package exported to {0}: {1}–{2}, {3} staff, {4} duty days, {5} open incidents, {6} warning notices.</translation>
    </message>
    <message>
        <source>带出的账户：{0}；其他账户未带出。</source>
        <translation>Accounts taken out: {0}; no other account left the desk.</translation>
    </message>
    <message>
        <source>没有带出任何账户：笔记本上首次打开时须新建管理员。</source>
        <translation>No account was taken out: the laptop asks for a new administrator when first opened.</translation>
    </message>
    <message>
        <source>&lt;p&gt;值班时段 {0} 至 {1}　记录截至 {2}&lt;/p&gt;</source>
        <translation>&lt;p&gt;Shift {0} to {1}  Recorded up to {2}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style='margin:2px 0'&gt;{0} {1}{2}{3} → {4}（{5}，登记 {6}）&lt;/p&gt;</source>
        <translation>&lt;p style='margin:2px 0'&gt;{0} {1} {2}{3} → {4} ({5}, logged {6})&lt;/p&gt;</translation>
    </message>
    <message>
        <source>本班值班员是 {0}</source>
        <translation>the duty officer of this shift is {0}</translation>
    </message>
    <message>
        <source>本班没有排值班员</source>
        <translation>no duty officer is on the rota for this shift</translation>
    </message>
    <message>
        <source>当前登录的是 {0}，{1}。请选择在值班室确认在岗的人。</source>
        <translation>{0} is logged in; {1}. Choose who is confirming they are at the desk.</translation>
    </message>
    <message>
        <source>确认人</source>
        <translation>Confirmed by</translation>
    </message>
    <message>
        <source>国务院每年公布的节假日安排：CSV（列 date,kind,name，kind 为 holiday 或 adjusted_workday，格式见 resources/samples/节假日导入格式样例-2026.csv），或节假日日历 .ics（每个全天事件为放假，标题含「班」的为调休上班）。导入后这些日子以本室设定为准；任何一行有误则整个文件不导入。</source>
        <translation>The State Council's yearly holiday schedule: a CSV file (columns date,kind,name; kind is holiday or adjusted_workday; see resources/samples/节假日导入格式样例-2026.csv) or a holiday calendar .ics (each all-day event is a day off; one whose title contains 班 is an adjusted workday). Once imported, these days follow the desk's schedule; one bad row rejects the whole file.</translation>
    </message>
    <message>
        <source>共 {0} 人，没有错误，但有 {1} 行请核对（底色标出）：
{2}
核对无误后点击「导入」。</source>
        <translation>{0} people, no errors, but {1} rows to check (shaded):
{2}
Once checked, click Import.</translation>
    </message>
    <message>
        <source>导入节假日安排</source>
        <translation>Import holiday schedule</translation>
    </message>
    <message>
        <source>节假日安排 (*.csv *.xlsx *.ics);;所有文件 (*)</source>
        <translation>Holiday schedules (*.csv *.xlsx *.ics);;All files (*)</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>现为</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>导入后</source>
        <translation>After import</translation>
    </message>
    <message>
        <source>（推定）</source>
        <translation> (assumed)</translation>
    </message>
    <message>
        <source>共 {0} 天（{1} 至 {2}），其中 {3} 天与现在不同（底色标出）。点击「导入」后，排班按导入的安排计算。</source>
        <translation>{0} days ({1} to {2}); {3} of them differ from the calendar now (shaded). After Import, the rota follows the imported schedule.</translation>
    </message>
    <message>
        <source> 万元</source>
        <translation> ×10k yuan</translation>
    </message>
    <message>
        <source>重新生成草稿</source>
        <translation>Draft again</translation>
    </message>
    <message>
        <source>按事件当前信息和所选阶段重新生成报告内容</source>
        <translation>Write the report again from the incident's current facts for the stage chosen</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>到达时限</source>
        <translation>Arrive within</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>输入单位、联系人或电话查找</source>
        <translation>Type a department, contact or phone to find it</translation>
    </message>
    <message>
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <source>{0} 分钟</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>例如：赶赴现场处置</source>
        <translation>e.g. go to the scene</translation>
    </message>
    <message>
        <source>{0} 至 {1} 的 {2} 个班次都已安排，没有需要新排的班次：自动排班只填补空班次，已有的安排保持不变。要重排某一天，请在月历上点击该班次修改。</source>
        <translation>All {2} duties from {0} to {1} are already arranged, so there is nothing to add: generating only fills empty duties and keeps what is arranged. To change a day, click its duty in the calendar.</translation>
    </message>
    <message>
        <source>将新排 {0} 个班次（已安排的 {1} 个保持不变）。</source>
        <translation>{0} duties will be added ({1} already arranged stay as they are). </translation>
    </message>
    <message>
        <source>首次设置</source>
        <translation>First-run setup</translation>
    </message>
    <message>
        <source>从 Excel 或 CSV 人员表导入</source>
        <translation>Import a staff list from Excel or CSV</translation>
    </message>
    <message>
        <source>完成后选择文件，导入前逐行预览。</source>
        <translation>Choose the file after Finish; every row is previewed before it is imported.</translation>
    </message>
    <message>
        <source>先打开示例乡镇试用</source>
        <translation>Try the sample town first</translation>
    </message>
    <message>
        <source>示例放在单独的示例数据库中，不写入本值班室的数据库；人员、电话均为虚构，界面有明显提示。</source>
        <translation>The sample opens in a separate sample database and nothing of it goes into this desk's database; its people and phones are made up and clearly marked.</translation>
    </message>
    <message>
        <source>正在建立示例数据库…</source>
        <translation>Creating the sample database…</translation>
    </message>
    <message>
        <source>示例乡镇</source>
        <translation>Sample town</translation>
    </message>
    <message>
        <source>示例乡镇已在单独的示例数据库中打开：
{0}

本值班室的数据库中没有写入任何示例数据，只保存了单位名称和管理员账户。下次启动 Dutyroom 即打开本值班室；想再看示例，可运行 dutyroom --db "{0}"。</source>
        <translation>The sample town is open in a separate sample database:
{0}

Nothing of it was written into this desk's database, which keeps only the unit's name and the administrator account. The next start of Dutyroom opens this desk; to see the sample again, run dutyroom --db "{0}".</translation>
    </message>
    <message>
        <source>交接班记录（预览打印，Ctrl+P）…</source>
        <translation>Handover record (print preview, Ctrl+P)…</translation>
    </message>
    <message>
        <source>签到、在岗确认和查岗记录…</source>
        <translation>Sign-ins, presence and inspection log…</translation>
    </message>
    <message>
        <source>与上一班相比</source>
        <translation>Since the last shift</translation>
    </message>
    <message>
        <source>双击打开</source>
        <translation>Double-click to open</translation>
    </message>
    <message>
        <source>历史交接班记录</source>
        <translation>Past handovers</translation>
    </message>
    <message>
        <source>更多</source>
        <translation>More</translation>
    </message>
    <message>
        <source>打印信息报告（{0}）…</source>
        <translation>Print report ({0})…</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>导入节假日安排…</source>
        <translation>Import holidays…</translation>
    </message>
    <message>
        <source>方向键选日，回车安排，PageUp / PageDown 翻月</source>
        <translation>Arrow keys choose a day, Enter assigns, PageUp / PageDown change the month</translation>
    </message>
    <message>
        <source>&lt;span style='color:#f4b6b6'&gt;■&lt;/span&gt; 法定节假日　&lt;span style='color:#cfcfcf'&gt;■&lt;/span&gt; 调休上班（班）　&lt;span style='color:#dce6f2'&gt;■&lt;/span&gt; 周末　&lt;span style='color:#e0a800'&gt;□&lt;/span&gt; 特殊敏感时期　&lt;span style='color:#c0392b'&gt;红色：未安排或违反规则&lt;/span&gt;　主 / 带 / 值：主要领导 / 带班领导 / 值班员</source>
        <translation>&lt;span style='color:#f4b6b6'&gt;■&lt;/span&gt; statutory holiday  &lt;span style='color:#cfcfcf'&gt;■&lt;/span&gt; adjusted workday (班)  &lt;span style='color:#dce6f2'&gt;■&lt;/span&gt; weekend  &lt;span style='color:#e0a800'&gt;□&lt;/span&gt; sensitive period  &lt;span style='color:#c0392b'&gt;red: not assigned or against a rule&lt;/span&gt;  C / L / O: chief / shift leader / duty officer</translation>
    </message>
    <message>
        <source>日期类型：</source>
        <translation>Kind of day:</translation>
    </message>
    <message>
        <source>保存这一天的日期类型</source>
        <translation>Save this day's kind</translation>
    </message>
    <message>
        <source>⚠ {0} 年尚未载入国务院节假日安排：法定节假日按《全国年节及纪念日放假办法》推定并已标出，连休和调休上班待通知。请导入正式安排（或在右侧逐日设定）。</source>
        <translation>⚠ The State Council's holiday schedule for {0} is not loaded: the statutory holidays themselves are assumed from the national holiday rules and marked; bridging days and make-up workdays await the notice. Import the official schedule (or set days one by one on the right).</translation>
    </message>
    <message>
        <source>未安排（点击安排）</source>
        <translation>not assigned (click to assign)</translation>
    </message>
    <message>
        <source>安排、代班或换班{0}</source>
        <translation>Assign, stand in for or swap the {0}</translation>
    </message>
    <message>
        <source>在岗确认按间隔从开始时间排到结束时间（可跨零点）；确认时限不能长于间隔，否则前后两次会重叠。提前提醒不能长于最短的时限。</source>
        <translation>Presence prompts are asked at the interval from the start time to the end time (they may run past midnight); the time to confirm cannot be longer than the interval, or two prompts would overlap. The early warning cannot be longer than the shortest deadline.</translation>
    </message>
    <message>
        <source>&lt;b&gt;先排班&lt;/b&gt;：本班次还没有人值班。排好值班表后，这里显示值班人员，接班签到和在岗确认按值班表提醒。</source>
        <translation>&lt;b&gt;Make the rota first&lt;/b&gt;: nobody is on duty for this shift yet. Once the rota is made, the people on duty show here and sign-ins and presence prompts follow it.</translation>
    </message>
    <message>
        <source>去排班…</source>
        <translation>Make the rota…</translation>
    </message>
    <message>
        <source>（{0} {1:%H:%M} 已确认）</source>
        <translation> (acknowledged by {0} at {1:%H:%M})</translation>
    </message>
    <message>
        <source>·已确认</source>
        <translation> · acknowledged</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Alert</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>未安排</source>
        <translation>Not assigned</translation>
    </message>
    <message>
        <source>求双人值班空缺最少</source>
        <translation>fewest missing second officers</translation>
    </message>
    <message>
        <source>双人值班空缺最少</source>
        <translation>fewest missing second officers</translation>
    </message>
    <message>
        <source>有 {0} 个班次排不上（见下，红色），其中 {1} 个是双人值班的第二名值班员；已证明先保证每天都有人值班、再排第二名值班员，不能更少。</source>
        <translation>{0} slots cannot be filled (below, in red), {1} of them a second officer of a two-officer day; proven that, with someone on duty every day first and second officers after, there cannot be fewer.</translation>
    </message>
    <message>
        <source>编辑责任人</source>
        <translation>Edit responsible person</translation>
    </message>
    <message>
        <source>新增责任人</source>
        <translation>New responsible person</translation>
    </message>
    <message>
        <source>村(社区)</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>{0}（{1} {2}）</source>
        <translation>{0} ({1} {2})</translation>
    </message>
    <message>
        <source>AB角</source>
        <translation>Backup (AB)</translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>responsible person</translation>
    </message>
    <message>
        <source>搜索村(社区)、姓名、手机…（Ctrl+F）</source>
        <translation>Search village, name, mobile… (Ctrl+F)</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>从 Excel/CSV 导入</source>
        <translation>Import from Excel/CSV</translation>
    </message>
    <message>
        <source>全部村(社区)</source>
        <translation>All villages</translation>
    </message>
    <message>
        <source>全部岗位</source>
        <translation>All roles</translation>
    </message>
    <message>
        <source>显示 {0} 人；在岗 {1} 人，{2} 个村(社区)</source>
        <translation>Showing {0}; {1} active in {2} villages</translation>
    </message>
    <message>
        <source>已导入 {0} 名责任人。</source>
        <translation>{0} responsible people imported.</translation>
    </message>
    <message>
        <source>基层责任人</source>
        <translation>Village contacts</translation>
    </message>
    <message>
        <source>&lt;b&gt;预警和叫应&lt;/b&gt;</source>
        <translation>&lt;b&gt;Early warnings and call-backs&lt;/b&gt;</translation>
    </message>
    <message>
        <source>名单用「、」分隔。叫应名单在登记预警时按当时的设置和通讯录生成，改设置不影响已登记的预警。</source>
        <translation>Separate list items with 、. A warning's call list is made when it is recorded, from the settings and contacts of that moment; changing the settings does not change warnings already recorded.</translation>
    </message>
    <message>
        <source>叫应 {0}/{1}</source>
        <translation>reached {0}/{1}</translation>
    </message>
    <message>
        <source>生效预警：{0}</source>
        <translation>Warnings in force: {0}</translation>
    </message>
    <message>
        <source>表头需包含：村(社区)、岗位、姓名、手机（11 位）；可选：AB角（文件中或名单中另一人的姓名）、备注。支持 .xlsx 和 .csv（UTF-8 或 GBK）。</source>
        <translation>The header must hold 村(社区) (village), 岗位 (role), 姓名 (name), 手机 (11-digit mobile); optional: AB角 (the backup: another person's name in the file or the list), 备注 (notes). .xlsx and .csv (UTF-8 or GBK).</translation>
    </message>
    <message>
        <source>导入基层责任人</source>
        <translation>Import village contacts</translation>
    </message>
    <message>
        <source>共 {0} 人，检查无误。点击「导入」加入责任人名单。</source>
        <translation>{0} people, all correct. Click Import to add them to the list.</translation>
    </message>
    <message>
        <source>解除预警</source>
        <translation>Lift warning</translation>
    </message>
    <message>
        <source>登记后续通知（更新、升级或降级）</source>
        <translation>Record a later notice (update, upgrade or downgrade)</translation>
    </message>
    <message>
        <source>登记收到的预警</source>
        <translation>Record a received warning</translation>
    </message>
    <message>
        <source>保存并生成叫应名单</source>
        <translation>Save and list whom to call</translation>
    </message>
    <message>
        <source>发布单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>预警类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>预警级别</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>发布时间</source>
        <translation>Issued at</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>涉及村(社区)</source>
        <translation>Villages</translation>
    </message>
    <message>
        <source>预警内容</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>解除通知内容</source>
        <translation>Cancellation text</translation>
    </message>
    <message>
        <source>防御措施要求</source>
        <translation>Measures asked for</translation>
    </message>
    <message>
        <source>{0}{1}预警</source>
        <translation>{0} {1} warning</translation>
    </message>
    <message>
        <source>无需叫应</source>
        <translation>No calls</translation>
    </message>
    <message>
        <source>{0}/{1}</source>
        <translation>{0}/{1}</translation>
    </message>
    <message>
        <source>预警信息接收与叫应</source>
        <translation>Early warnings and call-backs</translation>
    </message>
    <message>
        <source>显示已结束</source>
        <translation>Show ended</translation>
    </message>
    <message>
        <source>登记预警</source>
        <translation>Record warning</translation>
    </message>
    <message>
        <source>后续通知</source>
        <translation>Later notice</translation>
    </message>
    <message>
        <source>更新、升级或降级</source>
        <translation>Update, upgrade or downgrade</translation>
    </message>
    <message>
        <source>预警信息接收及叫应记录…</source>
        <translation>Warning and call-back record…</translation>
    </message>
    <message>
        <source>导出 Excel（报县）…</source>
        <translation>Export to Excel (for the county)…</translation>
    </message>
    <message>
        <source>预警名称</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>叫应</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>收到</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>最近联系</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>联系方式（默认电话）</source>
        <translation>How contacted (phone by default)</translation>
    </message>
    <message>
        <source>已应答 A</source>
        <translation>Answered A</translation>
    </message>
    <message>
        <source>所选责任人已接听并确认（按 A）</source>
        <translation>The person selected answered and confirmed (key A)</translation>
    </message>
    <message>
        <source>未接通 N</source>
        <translation>No answer N</translation>
    </message>
    <message>
        <source>呼叫未接通（按 N）</source>
        <translation>The call was not answered (key N)</translation>
    </message>
    <message>
        <source>AB角应答 B</source>
        <translation>Backup B</translation>
    </message>
    <message>
        <source>所选责任人的 AB角已接听并确认（按 B）</source>
        <translation>The backup of the person selected answered and confirmed (key B)</translation>
    </message>
    <message>
        <source>短信已发 S</source>
        <translation>Texted S</translation>
    </message>
    <message>
        <source>所选村(社区)未叫应的人均已发短信，不算应答（按 S）</source>
        <translation>Everyone not yet reached in the selected village was sent a text; not an answer (key S)</translation>
    </message>
    <message>
        <source>微信已发 W</source>
        <translation>WeChat W</translation>
    </message>
    <message>
        <source>所选村(社区)的微信工作群已发，不算应答（按 W）</source>
        <translation>Posted to the selected village's WeChat work group; not an answer (key W)</translation>
    </message>
    <message>
        <source>没有生效中的预警</source>
        <translation>No warning in force</translation>
    </message>
    <message>
        <source>收到预警后按 Ctrl+N 登记，系统按村(社区)和岗位生成叫应名单。</source>
        <translation>When a warning arrives press Ctrl+N to record it; Dutyroom lists whom to call by village and role.</translation>
    </message>
    <message>
        <source> → </source>
        <translation> → </translation>
    </message>
    <message>
        <source>未注明</source>
        <translation>not stated</translation>
    </message>
    <message>
        <source>全镇（{0} 个村(社区)）</source>
        <translation>the whole town ({0} villages)</translation>
    </message>
    <message>
        <source>{0} {1} 发布，有效期至 {2}；涉及：{3}；通知：{4}</source>
        <translation>{0}, issued {1}, valid until {2}; area: {3}; notices: {4}</translation>
    </message>
    <message>
        <source>未接通 {0} 次</source>
        <translation>No answer × {0}</translation>
    </message>
    <message>
        <source>，请叫 AB角</source>
        <translation>, call the backup</translation>
    </message>
    <message>
        <source>（{0}已发）</source>
        <translation> ({0} sent)</translation>
    </message>
    <message>
        <source>无需逐人叫应</source>
        <translation>No calls required</translation>
    </message>
    <message>
        <source>已全部叫应：{0}/{1}</source>
        <translation>Everyone reached: {0}/{1}</translation>
    </message>
    <message>
        <source>叫应时限 {0}，还剩 {1}；已叫应 {2}/{3}</source>
        <translation>Reach everyone by {0}: {1} left; reached {2}/{3}</translation>
    </message>
    <message>
        <source>已超过叫应时限 {0}（超时 {1}）；已叫应 {2}/{3}</source>
        <translation>Past the call-back deadline {0} (over by {1}); reached {2}/{3}</translation>
    </message>
    <message>
        <source>未叫醒（{0} 人）：{1}</source>
        <translation>Not reached ({0}): {1}</translation>
    </message>
    <message>
        <source> 等</source>
        <translation> and more</translation>
    </message>
    <message>
        <source>按键：A 已应答　N 未接通　B AB角已应答　S 本村短信已发　W 本村微信工作群已发</source>
        <translation>Keys: A answered  N no answer  B backup answered  S text to the village  W village WeChat group</translation>
    </message>
    <message>
        <source>未能记录</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>{0}叫应记录</source>
        <translation>{0} call-back record</translation>
    </message>
    <message>
        <source>叫应记录-{0}-{1:%Y%m%d}.pdf</source>
        <translation>callbacks-{0}-{1:%Y%m%d}.pdf</translation>
    </message>
    <message>
        <source>叫应记录-{0}-{1:%Y%m%d}.xlsx</source>
        <translation>callbacks-{0}-{1:%Y%m%d}.xlsx</translation>
    </message>
    <message>
        <source>导出叫应记录</source>
        <translation>Export call-back record</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <source>带班领导</source>
        <translation>Shift leader</translation>
    </message>
    <message>
        <source>办公室电话</source>
        <translation>Office phone</translation>
    </message>
    <message>
        <source>上班时间派单拨打</source>
        <translation>rung in working hours</translation>
    </message>
    <message>
        <source>建议派单：牵头 {0}；配合 {1}（派单时核定）</source>
        <translation>To dispatch, proposed: lead {0}; support {1} (decide when dispatching)</translation>
    </message>
    <message>
        <source>职责分工</source>
        <translation>Who handles what</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>From</translation>
    </message>
    <message>
        <source>{0}建议：牵头 {1}；配合 {2}。已预先勾选，请核定。</source>
        <translation>{0}, proposed: lead {1}; support {2}. Ticked in advance: please decide.</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>也可拨打：</source>
        <translation>Also reachable: </translation>
    </message>
    <message>
        <source>按职责分工建议，由值班员核定</source>
        <translation>Proposed by the who-handles-what table; the officer decides</translation>
    </message>
    <message>
        <source>牵头</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>配合</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>带班领导手机</source>
        <translation>Leader's mobile</translation>
    </message>
    <message>
        <source>值班备勤表 — {0}</source>
        <translation>Duty roster — {0}</translation>
    </message>
    <message>
        <source>联动单位报来的每日值班人员。夜间和节假日派单时按此表找当天值班人员；没有报来的日期打 24 小时值班电话 {0}。</source>
        <translation>Who is on duty each day, as the unit reported. At night and on holidays a dispatch rings that day's person; on days not reported, the 24-hour phone {0}.</translation>
    </message>
    <message>
        <source>保存此日</source>
        <translation>Save this day</translation>
    </message>
    <message>
        <source>删除此日</source>
        <translation>Delete this day</translation>
    </message>
    <message>
        <source>列：日期、值班人员、手机、带班领导、带班领导手机；有一行不对则整个文件不导入</source>
        <translation>Columns: 日期 (date), 值班人员 (person), 手机 (mobile), 带班领导 (leader), 带班领导手机 (leader's mobile); one bad row and nothing is imported</translation>
    </message>
    <message>
        <source>已保存 {0} 的值班人员。</source>
        <translation>Saved the person on duty on {0}.</translation>
    </message>
    <message>
        <source>未删除</source>
        <translation>Not deleted</translation>
    </message>
    <message>
        <source>导入值班备勤表</source>
        <translation>Import a duty roster</translation>
    </message>
    <message>
        <source>导入未完成，没有保存任何内容</source>
        <translation>Import not done; nothing was saved</translation>
    </message>
    <message>
        <source>已导入 {0} 天的值班人员。</source>
        <translation>Imported {0} days of duty.</translation>
    </message>
    <message>
        <source>编辑职责分工</source>
        <translation>Edit a line</translation>
    </message>
    <message>
        <source>新增职责分工</source>
        <translation>New line</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>配合单位</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>（整个类别）</source>
        <translation>(whole category)</translation>
    </message>
    <message>
        <source>值班备勤表…</source>
        <translation>Duty roster…</translation>
    </message>
    <message>
        <source>该单位报来的每日值班人员（Ctrl+B）</source>
        <translation>Who this unit has on duty each day (Ctrl+B)</translation>
    </message>
    <message>
        <source>停用「{0}」后不再列入新预警的叫应名单，已有的叫应记录保留。</source>
        <translation>Once deactivated, “{0}” is left off the call lists of new warnings; the calls already recorded are kept.</translation>
    </message>
    <message>
        <source>

「{0}」是以下 {1} 人的 AB角：{2}。停用后他们没有可用的 AB角，叫应板上不再提供，请另为他们指定 AB角。</source>
        <translation>

“{0}” is the backup (AB) of {1} people: {2}. Once deactivated they have no backup to offer on the relay board; please give them another backup.</translation>
    </message>
    <message>
        <source>

确定停用吗？</source>
        <translation>

Deactivate?</translation>
    </message>
    <message>
        <source>搜索类别、子类、单位…（Ctrl+F）</source>
        <translation>Search category, subtype, department… (Ctrl+F)</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>列：类别、子类、牵头单位、配合单位（多个用、分隔）；有一行不对则整个文件不导入</source>
        <translation>Columns: 类别 (category), 子类 (subtype), 牵头单位 (lead), 配合单位 (support, joined by 、); one bad row and nothing is imported</translation>
    </message>
    <message>
        <source>接报和派单时，按事件子类（没有子类的按类别）建议牵头和配合单位，由值班员核定。</source>
        <translation>At intake and dispatch the lead and supporting departments are proposed by subtype (else by category); the officer decides.</translation>
    </message>
    <message>
        <source>请先在「联动单位」中添加单位。</source>
        <translation>Please add units under "Partner units" first.</translation>
    </message>
    <message>
        <source>删除职责分工</source>
        <translation>Delete a line</translation>
    </message>
    <message>
        <source>删除「{0}」这一条职责分工吗？</source>
        <translation>Delete the line for "{0}"?</translation>
    </message>
    <message>
        <source>导入职责分工</source>
        <translation>Import who handles what</translation>
    </message>
    <message>
        <source>已导入 {0} 条职责分工。</source>
        <translation>Imported {0} lines of who handles what.</translation>
    </message>
    <message>
        <source>处置要点：勾选即记下是谁、何时完成（空格键勾选）；未勾选的写入交接班记录</source>
        <translation>First-hour checklist: ticking records who did it and when (Space ticks); unticked steps go into the handover record</translation>
    </message>
    <message>
        <source>{0}（{1} {2:%H:%M}）</source>
        <translation>{0} ({1} {2:%H:%M})</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>实际联系上的人，可改写</source>
        <translation>The person actually reached; you may change it</translation>
    </message>
    <message>
        <source>实际拨打的号码，可改写</source>
        <translation>The number actually rung; you may change it</translation>
    </message>
    <message>
        <source>派单到场</source>
        <translation>On site after dispatch</translation>
    </message>
    <message>
        <source>值班日报</source>
        <translation>Daily duty report</translation>
    </message>
    <message>
        <source>值班日报 — {0:%Y-%m-%d}</source>
        <translation>Daily duty report — {0:%Y-%m-%d}</translation>
    </message>
    <message>
        <source>复制文本</source>
        <translation>Copy text</translation>
    </message>
    <message>
        <source>复制为纯文本，可粘贴到政务微信或 OA 系统</source>
        <translation>Copy as plain text, to paste into government WeChat or an OA system</translation>
    </message>
    <message>
        <source>打印预览…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <source>保存并锁定所报送的日报，记录报送人和时间</source>
        <translation>Keep and lock the report as sent, with who sent it and when</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;　{1}　值班时段 {2}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;　{1}　Duty day {2}</translation>
    </message>
    <message>
        <source>已于 {0} 由 {1} 报送并锁定，内容不能再改。</source>
        <translation>Sent by {1} at {0} and locked; it can no longer be changed.</translation>
    </message>
    <message>
        <source>草稿：按 {0} 的值班情况生成，可直接修改措辞；应于 {1:%m-%d %H:%M} 前报送。报送后锁定。</source>
        <translation>Draft written from the duty day as of {0}; reword it as needed. Due by {1:%m-%d %H:%M}; locked once sent.</translation>
    </message>
    <message>
        <source>已复制日报全文，可粘贴到政务微信或 OA 系统。</source>
        <translation>The whole report was copied; paste it into government WeChat or an OA system.</translation>
    </message>
    <message>
        <source>确认{0:%m月%d日}的值班日报已经报送？
将按当前内容保存并锁定，记录报送人和时间。</source>
        <translation>Has the daily report of {0:%d %b} been sent?
It will be kept and locked as it reads now, with who sent it and when.</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>应报</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>迟报</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>超时未报</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>漏报</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>按时率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <source>按月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>按季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>按年</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>值班次数和补休…</source>
        <translation>Duty counts…</translation>
    </message>
    <message>
        <source>每人值班次数和应补休天数（同排班页「值班统计」）</source>
        <translation>Duties per person and compensatory days off (as Rota → Duty statistics)</translation>
    </message>
    <message>
        <source>打印月报…</source>
        <translation>Monthly report…</translation>
    </message>
    <message>
        <source>值班工作月报：本期各表和近十二个月的图表（PDF）</source>
        <translation>Monthly duty report: this period's tables and charts of the last twelve months (PDF)</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>应到</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>未到</source>
        <translation>Not arrived</translation>
    </message>
    <message>
        <source>值班（次）</source>
        <translation>Duties</translation>
    </message>
    <message>
        <source>应签到</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>迟签</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>未签到</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>应叫应</source>
        <translation>To reach</translation>
    </message>
    <message>
        <source>时限内应答</source>
        <translation>Answered in time</translation>
    </message>
    <message>
        <source>超时应答</source>
        <translation>Answered late</translation>
    </message>
    <message>
        <source>未叫醒</source>
        <translation>Never reached</translation>
    </message>
    <message>
        <source>时限未到</source>
        <translation>Not yet due</translation>
    </message>
    <message>
        <source>叫应完成率</source>
        <translation>Reached rate</translation>
    </message>
    <message>
        <source>时限内叫应率</source>
        <translation>Reached in time</translation>
    </message>
    <message>
        <source>图表</source>
        <translation>Charts</translation>
    </message>
    <message>
        <source>签到和查岗</source>
        <translation>Sign-ins and spot checks</translation>
    </message>
    <message>
        <source>收到预警 {0} 条（{1}），解除通知 {2} 条；需逐人叫应 {3} 条，全部叫应到位 {4} 条。应叫应 {5} 人次：时限内应答 {6}，超时应答 {7}，未叫醒 {8}，时限未到 {9}；叫应完成率 {10}，时限内叫应率 {11}。</source>
        <translation>Warnings received: {0} ({1}), cancellations: {2}; {3} needed person-by-person calls, {4} of them fully answered. People to reach: {5}: answered in time {6}, answered late {7}, never reached {8}, deadline not yet come {9}; reached rate {10}, reached in time {11}.</translation>
    </message>
    <message>
        <source>{0}预警</source>
        <translation>{0} warnings</translation>
    </message>
    <message>
        <source>每月事件数（按类别）</source>
        <translation>Incidents per month (by category)</translation>
    </message>
    <message>
        <source>每月报送按时率（%）</source>
        <translation>Reports on time per month (%)</translation>
    </message>
    <message>
        <source>各单位按时到场率（%）</source>
        <translation>On site in time per department (%)</translation>
    </message>
    <message>
        <source>值班工作月报</source>
        <translation>Monthly duty report</translation>
    </message>
    <message>
        <source>信息报送 应报 {0}、按时 {1}、迟报 {2}、超时未报 {3}，按时率 {4}；漏报事件 {5} 起。派单到场 应到 {6}、按时 {7}。</source>
        <translation>Reports: {0} due, {1} on time, {2} late, {3} overdue, on-time rate {4}; {5} incidents missing a report. Dispatches: {6} due on site, {7} in time.</translation>
    </message>
    <message>
        <source>接班签到 应签 {0}、按时 {1}、迟签 {2}、未签 {3}；在岗确认 应确认 {4}、按时 {5}、超时 {6}、未确认 {7}；上级查岗 {8} 次，按规定应答 {9} 次。</source>
        <translation>Sign-ins: {0} due, {1} on time, {2} late, {3} missed; presence checks: {4} due, {5} on time, {6} late, {7} missed; spot checks: {8}, answered as required {9}.</translation>
    </message>
    <message>
        <source>按时到场率</source>
        <translation>On site in time</translation>
    </message>
    <message>
        <source>导出统计</source>
        <translation>Export statistics</translation>
    </message>
    <message>
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
    <message>
        <source>信息报送</source>
        <translation>Reports upward</translation>
    </message>
    <message>
        <source>已重新连接数据库，内容已刷新</source>
        <translation>Reconnected to the database; everything was read again</translation>
    </message>
    <message>
        <source>与数据库的连接中断，正在重试…（已填写的内容仍在窗口中，连上后再保存）</source>
        <translation>Lost the connection to the database, retrying… (what you entered stays in the window; save once it is back)</translation>
    </message>
    <message>
        <source>预警叫应</source>
        <translation>Warning call-back</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>表头需包含：类型（队伍 / 物资 / 避难场所）、名称、数量或容量（如 30 人、2000 条）、位置、负责人、电话、适用子类（多个用、分隔）；可选：备注。支持 .xlsx 和 .csv（UTF-8 或 GBK）。与通讯录中类型、名称、位置都相同的资源按文件更新；任何一行有误则整个文件不导入。</source>
        <translation>The header must hold: 类型 (kind: 队伍 team / 物资 supplies / 避难场所 shelter), 名称 (name), 数量或容量 (amount, e.g. 30 人, 2000 条), 位置 (location), 负责人 (keeper), 电话 (phone), 适用子类 (subtypes, joined by 、); optional: 备注 (notes). English headers kind, name, quantity, location, keeper, phone, subtypes work too. .xlsx and .csv (UTF-8 or GBK). A resource with the same kind, name and location as one in Contacts is updated from the file; if any row is wrong, nothing is imported.</translation>
    </message>
    <message>
        <source>编辑应急资源</source>
        <translation>Edit emergency resource</translation>
    </message>
    <message>
        <source>新增应急资源</source>
        <translation>New emergency resource</translation>
    </message>
    <message>
        <source>如 民兵应急分队、沙袋、中心学校</source>
        <translation>e.g. militia unit, sandbags, central school</translation>
    </message>
    <message>
        <source>数量或容量</source>
        <translation>Amount or capacity</translation>
    </message>
    <message>
        <source>队伍填人数，物资填数量和单位，避难场所填可容纳人数</source>
        <translation>Team: headcount; supplies: amount and unit; shelter: people it holds</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>驻地、存放地点或地址</source>
        <translation>Base, store or address</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Keeper</translation>
    </message>
    <message>
        <source>队长或保管人</source>
        <translation>Team leader or keeper</translation>
    </message>
    <message>
        <source>手机或座机，夜间能接通</source>
        <translation>Mobile or landline that answers at night</translation>
    </message>
    <message>
        <source>勾选此资源适用的事件子类（空格键勾选）；这些子类的事件详情中会列出它</source>
        <translation>Tick the incident subtypes this resource serves (Space ticks); incidents of these subtypes list it</translation>
    </message>
    <message>
        <source>适用子类</source>
        <translation>Subtypes</translation>
    </message>
    <message>
        <source>导入应急资源</source>
        <translation>Import emergency resources</translation>
    </message>
    <message>
        <source>共 {0} 条，检查无误（其中 {1} 条更新通讯录中已有的资源）。点击「导入」保存。</source>
        <translation>{0} rows, all correct ({1} update resources already in Contacts). Click Import to save them.</translation>
    </message>
    <message>
        <source>&lt;h4&gt;可调用的应急资源（{0}）&lt;/h4&gt;&lt;table cellspacing=0 cellpadding=3&gt;</source>
        <translation>&lt;h4&gt;Emergency resources for {0}&lt;/h4&gt;&lt;table cellspacing=0 cellpadding=3&gt;</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>资源</source>
        <translation>resource</translation>
    </message>
    <message>
        <source>搜索名称、位置、负责人、电话、子类…（Ctrl+F）</source>
        <translation>Search name, location, keeper, phone, subtype… (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>停用「{0}」后不再在事件详情中列出，历史记录保留。确定停用吗？</source>
        <translation>Once deactivated, "{0}" is no longer listed on incidents; its history is kept. Deactivate it?</translation>
    </message>
    <message>
        <source>显示 {0} 条；在用 {1} 条（{2}）</source>
        <translation>{0} shown; {1} in use ({2})</translation>
    </message>
    <message>
        <source>已导入 {0} 条应急资源。</source>
        <translation>{0} emergency resources imported.</translation>
    </message>
    <message>
        <source>应急资源</source>
        <translation>Resources</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>登记领导批示</source>
        <translation>Record a leader’s instruction</translation>
    </message>
    <message>
        <source>保存批示</source>
        <translation>Save instruction</translation>
    </message>
    <message>
        <source>批示事项：{0}</source>
        <translation>Instruction on: {0}</translation>
    </message>
    <message>
        <source>批示时间</source>
        <translation>Given at</translation>
    </message>
    <message>
        <source>选择领导，或直接填写（如：县长 赵刚）</source>
        <translation>Choose a leader, or type one (e.g. County head Zhao Gang)</translation>
    </message>
    <message>
        <source>批示领导</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>领导批示原文</source>
        <translation>The leader’s words</translation>
    </message>
    <message>
        <source>批示内容</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <source>选择联动单位，或填写承办人</source>
        <translation>Choose a department, or type a person</translation>
    </message>
    <message>
        <source>承办单位/人</source>
        <translation>To act (dept./person)</translation>
    </message>
    <message>
        <source>办理时限</source>
        <translation>Due by</translation>
    </message>
    <message>
        <source>{0}批示：{1}（承办：{2}）</source>
        <translation>{0} instructed: {1} (to act: {2})</translation>
    </message>
    <message>
        <source>领导批示督办</source>
        <translation>Leaders’ instructions</translation>
    </message>
    <message>
        <source>领导批示督办 — {0}</source>
        <translation>Leaders’ instructions — {0}</translation>
    </message>
    <message>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>未办结</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>登记批示</source>
        <translation>New instruction</translation>
    </message>
    <message>
        <source>落实情况</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>办结</source>
        <comment>instruction</comment>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>承办</source>
        <translation>To act</translation>
    </message>
    <message>
        <source>批示事项</source>
        <translation>About</translation>
    </message>
    <message>
        <source>落实</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>{0} 条</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>共 {0} 件，超期 {1} 件</source>
        <translation>{0} in all, {1} overdue</translation>
    </message>
    <message>
        <source>没有符合条件的领导批示。</source>
        <translation>No instructions match.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; 批示（{1}）：{2}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; instructed ({1}): {2}</translation>
    </message>
    <message>
        <source>承办：{0}　办理时限：{1}</source>
        <translation>To act: {0}　Due by: {1}</translation>
    </message>
    <message>
        <source>重新打开原因：{0}</source>
        <translation>Reopened because: {0}</translation>
    </message>
    <message>
        <source>【办结】</source>
        <translation>[Done] </translation>
    </message>
    <message>
        <source>{0} {1}：{2}{3}</source>
        <translation>{0} {1}: {2}{3}</translation>
    </message>
    <message>
        <source>尚无落实情况反馈。</source>
        <translation>No feedback yet.</translation>
    </message>
    <message>
        <source>登记落实情况</source>
        <translation>Record feedback</translation>
    </message>
    <message>
        <source>办结领导批示</source>
        <translation>Mark instruction done</translation>
    </message>
    <message>
        <source>最终落实情况</source>
        <translation>Final feedback</translation>
    </message>
    <message>
        <source>重新打开领导批示</source>
        <translation>Reopen instruction</translation>
    </message>
    <message>
        <source>领导批示督办…（Ctrl+I）</source>
        <translation>Leaders’ instructions… (Ctrl+I)</translation>
    </message>
    <message>
        <source>登记和督办领导批示（Ctrl+I）</source>
        <translation>Record and follow up leaders’ instructions (Ctrl+I)</translation>
    </message>
    <message>
        <source>批示督办</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>批示督办（{0}，超期 {1}）</source>
        <translation>Instructions ({0}, {1} overdue)</translation>
    </message>
    <message>
        <source>批示督办（{0}）</source>
        <translation>Instructions ({0})</translation>
    </message>
    <message>
        <source>领导批示 {0} 件：按时办结 {1}、超期办结 {2}、超期未办结 {3}、办理中 {4}。</source>
        <translation> Leaders’ instructions {0}: done on time {1}, done late {2}, overdue {3}, open {4}.</translation>
    </message>
    <message>
        <source>查看 — {0}</source>
        <translation>View — {0}</translation>
    </message>
    <message>
        <source>用系统程序打开</source>
        <translation>Open with system viewer</translation>
    </message>
    <message>
        <source>用本机的 PDF 阅读器打开（可打印）</source>
        <translation>Open in this computer's PDF reader (to print)</translation>
    </message>
    <message>
        <source>修改应急预案</source>
        <translation>Edit emergency plan</translation>
    </message>
    <message>
        <source>归档应急预案</source>
        <translation>File an emergency plan</translation>
    </message>
    <message>
        <source>归档</source>
        <translation>File</translation>
    </message>
    <message>
        <source>例如：青山镇危险化学品事故应急预案</source>
        <translation>e.g. Qingshan Town hazardous chemicals accident plan</translation>
    </message>
    <message>
        <source>预案名称</source>
        <translation>Plan name</translation>
    </message>
    <message>
        <source>勾选适用的事件子类（空格键勾选）；这些子类的事件详情中列出本预案</source>
        <translation>Tick the incident subtypes it covers (Space ticks); incidents of these subtypes list this plan</translation>
    </message>
    <message>
        <source>适用事件子类</source>
        <translation>Incident subtypes</translation>
    </message>
    <message>
        <source>选择预案的 PDF 文件</source>
        <translation>Choose the plan's PDF file</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>PDF 文件</source>
        <translation>PDF files</translation>
    </message>
    <message>
        <source>在用（取消勾选即停用，事件中不再列出）</source>
        <translation>In force (untick to retire it; incidents no longer list it)</translation>
    </message>
    <message>
        <source>选择预案 PDF</source>
        <translation>Choose plan PDF</translation>
    </message>
    <message>
        <source>打开附件</source>
        <translation>Open attachment</translation>
    </message>
    <message>
        <source>「{0}」不是文档、图片或录音，可能是程序或脚本，为安全起见不直接打开。已打开它的副本所在的文件夹：{1}
请确认来源可信后再处理。</source>
        <translation>"{0}" is not a document, picture or recording; it may be a program or a script, so for safety it is not opened. The folder holding its copy is open: {1}
Make sure it comes from a source you trust before doing anything with it.</translation>
    </message>
    <message>
        <source>本机没有能打开「{0}」的程序。副本在：{1}</source>
        <translation>No program on this computer opens "{0}". The copy is at: {1}</translation>
    </message>
    <message>
        <source>添加…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>添加扫描的来文、传真、照片或 PDF；也可把文件拖到附件列表上</source>
        <translation>Add scanned documents, faxes, photos or PDFs; you can also drop files on the attachment list</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>PDF 在程序内查看，其他文件用系统程序打开</source>
        <translation>PDFs open in the app, other files in the system viewer</translation>
    </message>
    <message>
        <source>移除…</source>
        <translation>Remove…</translation>
    </message>
    <message>
        <source>从列表移除（须写明原因）；文件仍保存在数据库中作为记录</source>
        <translation>Remove from the list (a reason is required); the file stays in the database as a record</translation>
    </message>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>添加人</source>
        <translation>Added by</translation>
    </message>
    <message>
        <source>添加时间</source>
        <translation>Added at</translation>
    </message>
    <message>
        <source>把文件拖到这里即可添加；双击打开</source>
        <translation>Drop files here to add them; double-click to open</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>{0}
SHA-256：{1}</source>
        <translation>{0}
SHA-256: {1}</translation>
    </message>
    <message>
        <source>&lt;b&gt;附件&lt;/b&gt;（{0}）</source>
        <translation>&lt;b&gt;Attachments&lt;/b&gt; ({0})</translation>
    </message>
    <message>
        <source>&lt;b&gt;附件&lt;/b&gt;　可把文件拖到这里</source>
        <translation>&lt;b&gt;Attachments&lt;/b&gt;  drop files here</translation>
    </message>
    <message>
        <source>扫描件、照片和文档</source>
        <translation>Scans, photos and documents</translation>
    </message>
    <message>
        <source>所有文件</source>
        <translation>All files</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Add attachments</translation>
    </message>
    <message>
        <source>未能添加附件</source>
        <translation>Attachment not added</translation>
    </message>
    <message>
        <source>移除附件</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <source>移除「{0}」的原因（文件仍保存在数据库中，审计记录可查）：</source>
        <translation>Reason for removing "{0}" (the file stays in the database; the audit trail shows it):</translation>
    </message>
    <message>
        <source>应急预案</source>
        <translation>Emergency plans</translation>
    </message>
    <message>
        <source>与本事件子类关联的应急预案（在 设置 → 应急预案 中归档）</source>
        <translation>Emergency plans linked to this incident's subtype (filed in Settings → Emergency plans)</translation>
    </message>
    <message>
        <source>应急预案（{0}）</source>
        <translation>Plans ({0})</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>附件（{0}）</source>
        <translation>Attachments ({0})</translation>
    </message>
    <message>
        <source>&lt;b&gt;应急预案和附件&lt;/b&gt;</source>
        <translation>&lt;b&gt;Emergency plans and attachments&lt;/b&gt;</translation>
    </message>
    <message>
        <source>归档预案…</source>
        <translation>File plan…</translation>
    </message>
    <message>
        <source>预案以 PDF 归档，存入数据库并随备份保存；在事件详情的「应急预案」中列出与事件子类关联的预案，在程序内查看。</source>
        <translation>Plans are filed as PDFs, kept in the database and in every backup; an incident lists the plans of its subtype under "Plans" and opens them in the app.</translation>
    </message>
    <message>
        <source>（缺失）</source>
        <translation>(missing)</translation>
    </message>
    <message>
        <source>处置要点清单</source>
        <translation>First-hour checklists</translation>
    </message>
    <message>
        <source>每个事件子类一张清单，是接报后第一个小时值班室要做的事；事件详情按清单逐项勾选，未勾选的写入交接班记录。修改清单不会改动已登记事件上的勾选记录。</source>
        <translation>One checklist per incident subtype: what the desk does in the first hour after a report. Steps are ticked in the incident's detail; unticked ones go into the handover record. Editing a list does not change the ticks already recorded on incidents.</translation>
    </message>
    <message>
        <source>事件子类</source>
        <translation>Incident subtype</translation>
    </message>
    <message>
        <source>输入新步骤，回车添加到选中步骤之后（在清单上按 Insert 到这里）</source>
        <translation>Type a new step; Enter adds it after the selected one (Insert on the list comes here)</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>删除步骤</source>
        <translation>Remove step</translation>
    </message>
    <message>
        <source>恢复默认清单</source>
        <translation>Back to the default list</translation>
    </message>
    <message>
        <source>{0} · {1}（{2} 步）</source>
        <translation>{0} · {1} ({2} steps)</translation>
    </message>
    <message>
        <source>本台修改</source>
        <translation>edited here</translation>
    </message>
    <message>
        <source>「{0}」的处置要点（按顺序）</source>
        <translation>First steps for "{0}" (in order)</translation>
    </message>
    <message>
        <source>处置要点未保存</source>
        <translation>Checklist not saved</translation>
    </message>
    <message>
        <source>有 {0} 个子类的修改尚未保存，放弃这些修改吗？</source>
        <translation>Changes to {0} subtype(s) are not saved. Discard them?</translation>
    </message>
    <message>
        <source>带出附件 {0} 个，共 {1}（含未办结事件、预警的附件和在用的应急预案）。</source>
        <translation>It carries {0} attachments, {1} in all (those of the open incidents and warnings, and the emergency plans in use).</translation>
    </message>
    <message>
        <source>处置要点清单…</source>
        <translation>Checklists…</translation>
    </message>
    <message>
        <source>每个事件子类接报后第一个小时要做的事：增删步骤、调整顺序</source>
        <translation>What the desk does in the first hour for each incident subtype: add, remove and reorder steps</translation>
    </message>
<message><source>主要领导</source><translation>Chief</translation></message><message><source>值班员</source><translation>Duty officer</translation></message><message><source>管理员</source><translation>Administrator</translation></message><message><source>系统</source><translation>system</translation></message><message><source>自然灾害</source><translation>Natural disaster</translation></message><message><source>事故灾难</source><translation>Accident</translation></message><message><source>公共卫生事件</source><translation>Public health</translation></message><message><source>社会安全事件</source><translation>Public security</translation></message><message><source>Ⅰ级 特别重大</source><translation>Level I (extremely serious)</translation></message><message><source>Ⅱ级 重大</source><translation>Level II (serious)</translation></message><message><source>Ⅲ级 较大</source><translation>Level III (major)</translation></message><message><source>Ⅳ级 一般</source><translation>Level IV (ordinary)</translation></message><message><source>待核定</source><translation>To be rated</translation></message><message><source>Ⅰ级</source><translation>Level I</translation></message><message><source>Ⅱ级</source><translation>Level II</translation></message><message><source>Ⅲ级</source><translation>Level III</translation></message><message><source>Ⅳ级</source><translation>Level IV</translation></message><message><source>处置中</source><translation>Being handled</translation></message><message><source>电话报告</source><translation>Phone report</translation></message><message><source>书面报告</source><translation>Written report</translation></message><message><source>续报</source><translation>Follow-up report</translation></message><message><source>终报</source><translation>Final report</translation></message><message><source>首报</source><translation>First report</translation></message><message><source>书面</source><translation>Written</translation></message><message><source>即将到期</source><translation>Due soon</translation></message><message><source>到期</source><translation>Due</translation></message><message><source>已超时</source><translation>Overdue</translation></message><message><source>已完成</source><translation>Done</translation></message><message><source>待定</source><translation>Unknown</translation></message><message><source>值班员（二）</source><translation>Duty officer (2)</translation></message><message><source>值班员（三）</source><translation>Duty officer (3)</translation></message><message><source>值班表报备</source><translation>Rota report</translation></message><message><source>值班情况</source><translation>Duty</translation></message><message><source>突发事件</source><translation>Incidents</translation></message><message><source>来电来文及领导批示</source><translation>Calls, documents and leaders' instructions</translation></message><message><source>总体情况</source><translation>Overall</translation></message><message><source>电话记录</source><translation>Phone call</translation></message><message><source>传真</source><translation>Fax</translation></message><message><source>来文</source><translation>Document</translation></message><message><source>来访</source><translation>Visit</translation></message><message><source>特急</source><translation>Most urgent</translation></message><message><source>加急</source><translation>Urgent</translation></message><message><source>平急</source><translation>Priority</translation></message><message><source>平件</source><translation>Routine</translation></message><message><source>到达现场</source><translation>Arrived on site</translation></message><message><source>值班备勤表</source><translation>Duty roster</translation></message><message><source>办公室</source><translation>Office</translation></message><message><source>联动单位值班备勤表未报</source><translation>Partner duty roster not in</translation></message><message><source>请假</source><translation>Leave</translation></message><message><source>出差</source><translation>Business trip</translation></message><message><source>培训</source><translation>Training</translation></message><message><source>其他</source><translation>Other</translation></message><message><source>尽量不排</source><translation>Rather not</translation></message><message><source>安排</source><translation>Assigned</translation></message><message><source>换班</source><translation>Swap</translation></message><message><source>代班</source><translation>Stand-in</translation></message><message><source>视频</source><translation>Video</translation></message><message><source>现场</source><translation>In person</translation></message><message><source>在岗正常</source><translation>On duty, normal</translation></message><message><source>无人接听</source><translation>No answer</translation></message><message><source>值班人员不在岗</source><translation>Officer not at the desk</translation></message><message><source>值班人员联系不上</source><translation>Officer unreachable</translation></message><message><source>其他问题</source><translation>Other problem</translation></message><message><source>自动备份</source><translation>Automatic</translation></message><message><source>手动备份</source><translation>Manual</translation></message><message><source>恢复前自动保留</source><translation>Kept before restore</translation></message><message><source>采用外勤修改</source><translation>Field changes taken</translation></message><message><source>双方都改，另存为修订</source><translation>Changed on both sides, kept as revision</translation></message><message><source>无变化</source><translation>Unchanged</translation></message><message><source>值班室名称</source><translation>Duty room name</translation></message><message><source>交接班时间</source><translation>Handover time</translation></message><message><source>时区</source><translation>Time zone</translation></message><message><source>字体缩放</source><translation>Font size</translation></message><message><source>值班电话</source><translation>Duty phone</translation></message><message><source>无操作自动锁屏（分钟）</source><translation>Lock after inactivity (minutes)</translation></message><message><source>工作日值班层级</source><translation>Tiers on workdays</translation></message><message><source>周末值班层级</source><translation>Tiers on weekends</translation></message><message><source>节假日值班层级</source><translation>Tiers on holidays</translation></message><message><source>敏感时期值班层级</source><translation>Tiers in sensitive periods</translation></message><message><source>工作日值班员人数</source><translation>Duty officers on workdays</translation></message><message><source>周末值班员人数</source><translation>Duty officers on weekends</translation></message><message><source>节假日值班员人数</source><translation>Duty officers on holidays</translation></message><message><source>敏感时期值班员人数</source><translation>Duty officers in sensitive periods</translation></message><message><source>主要领导可顶带班领导</source><translation>A chief may stand in for a shift leader</translation></message><message><source>两次值班最少间隔（天）</source><translation>Minimum days between two duties</translation></message><message><source>工作日值班权重</source><translation>Weight of a workday duty</translation></message><message><source>周末值班权重</source><translation>Weight of a weekend duty</translation></message><message><source>节假日值班权重</source><translation>Weight of a holiday duty</translation></message><message><source>自动排班时限（秒）</source><translation>Rota generation time limit (seconds)</translation></message><message><source>节假日值班补休（天/次）</source><translation>Compensatory leave per holiday duty (days)</translation></message><message><source>Ⅰ、Ⅱ级电话报告时限（分钟）</source><translation>Levels I–II phone report deadline (minutes)</translation></message><message><source>Ⅰ、Ⅱ级书面报告时限（分钟）</source><translation>Levels I–II written report deadline (minutes)</translation></message><message><source>Ⅲ级电话报告时限（分钟）</source><translation>Level III phone report deadline (minutes)</translation></message><message><source>Ⅲ级书面报告时限（分钟）</source><translation>Level III written report deadline (minutes)</translation></message><message><source>Ⅳ级电话报告时限（分钟）</source><translation>Level IV phone report deadline (minutes)</translation></message><message><source>Ⅳ级书面报告时限（分钟）</source><translation>Level IV written report deadline (minutes)</translation></message><message><source>待核定电话报告时限（分钟）</source><translation>Unrated phone report deadline (minutes)</translation></message><message><source>待核定书面报告时限（分钟）</source><translation>Unrated written report deadline (minutes)</translation></message><message><source>Ⅰ、Ⅱ级续报时间</source><translation>Levels I–II follow-up report times</translation></message><message><source>Ⅲ、Ⅳ级及待核定续报时间</source><translation>Levels III–IV and unrated follow-up report times</translation></message><message><source>终报时限（天）</source><translation>Final report deadline (days)</translation></message><message><source>补录界限（分钟）</source><translation>Late-entry margin (minutes)</translation></message><message><source>群体性事件县级指挥（人数超过）</source><translation>Mass incident: county command (more than N people)</translation></message><message><source>群体性事件市级指挥（人数达到）</source><translation>Mass incident: city command (N people or more)</translation></message><message><source>提前提醒（分钟）</source><translation>Early warning (minutes)</translation></message><message><source>接班签到提前（分钟）</source><translation>Sign-in opens before handover (minutes)</translation></message><message><source>接班签到截止（分钟）</source><translation>Sign-in closes after handover (minutes)</translation></message><message><source>需签到的层级</source><translation>Tiers that sign in</translation></message><message><source>在岗确认开始</source><translation>Presence checks start</translation></message><message><source>在岗确认结束</source><translation>Presence checks end</translation></message><message><source>在岗确认间隔（分钟）</source><translation>Interval between presence checks (minutes)</translation></message><message><source>在岗确认时限（分钟）</source><translation>Time to confirm presence (minutes)</translation></message><message><source>节假日值班表报备（提前天数）</source><translation>Holiday rota report (days ahead)</translation></message><message><source>值班表报备截止时间</source><translation>Rota report deadline (time of day)</translation></message><message><source>节假日值班日报时间</source><translation>Holiday daily report time</translation></message><message><source>村(社区)名单</source><translation>Villages</translation></message><message><source>责任人岗位</source><translation>Roles of responsible people</translation></message><message><source>红色、橙色预警叫应岗位</source><translation>Roles called for red and orange warnings</translation></message><message><source>黄色预警叫应岗位</source><translation>Roles called for yellow warnings</translation></message><message><source>按预警类型收窄叫应岗位</source><translation>Roles called, narrowed per warning type</translation></message><message><source>红色预警叫应时限（分钟）</source><translation>Red warning call-back deadline (minutes)</translation></message><message><source>橙色预警叫应时限（分钟）</source><translation>Orange warning call-back deadline (minutes)</translation></message><message><source>黄色预警叫应时限（分钟）</source><translation>Yellow warning call-back deadline (minutes)</translation></message><message><source>蓝色预警叫应时限（分钟）</source><translation>Blue warning call-back deadline (minutes)</translation></message><message><source>转 AB角前呼叫次数</source><translation>Calls before the backup</translation></message><message><source>联动单位上班时间</source><translation>Partner units open at</translation></message><message><source>联动单位下班时间</source><translation>Partner units close at</translation></message><message><source>敏感时期每日报送值班日报</source><translation>Daily report every day of a sensitive period</translation></message><message><source>主汛期开始（月-日）</source><translation>Flood season starts (month-day)</translation></message><message><source>主汛期结束（月-日）</source><translation>Flood season ends (month-day)</translation></message><message><source>附件大小上限（MB）</source><translation>Attachment size limit (MB)</translation></message><message><source>国家（默认）</source><translation>National (default)</translation></message><message><source>河南省</source><translation>Henan Province</translation></message><message><source>严格（市级）</source><translation>Strict (city level)</translation></message><message><source>用于打印件标题和窗口标题</source><translation>Used in the titles of printouts and of the window</translation></message><message><source>用于打印件，默认「总值班室」</source><translation>Used in printouts; default "总值班室" (general duty room)</translation></message><message><source>默认 08:30：24 小时值班，自交接班时间起至次日同一时间</source><translation>Default 08:30: a 24-hour duty from the handover time to the same time next day</translation></message><message><source>默认 Asia/Shanghai（北京时间）；记录按 UTC 保存，按此时区显示</source><translation>Default Asia/Shanghai (Beijing time); records are stored in UTC and shown in this zone</translation></message><message><source>默认 100%，夜间或年长同志可调大</source><translation>Default 100%; larger at night or for older colleagues</translation></message><message><source>印在值班表上</source><translation>Printed on the rota</translation></message><message><source>默认 15 分钟无人操作即锁屏，须重新登录；0 表示不自动锁屏</source><translation>Default: lock after 15 idle minutes, logging in again to unlock; 0 means never lock automatically</translation></message><message><source>默认 带班领导 + 值班员（工作日规定）</source><translation>Default: shift leader + duty officer (the workday rule)</translation></message><message><source>默认 带班领导 + 值班员</source><translation>Default: shift leader + duty officer</translation></message><message><source>默认 三级值班：主要领导 + 带班领导 + 值班员（粤府办〔2012〕55号等）</source><translation>Default: three levels, chief + shift leader + duty officer (粤府办〔2012〕55号 and others)</translation></message><message><source>默认 三级值班，同节假日</source><translation>Default: three levels, as on holidays</translation></message><message><source>默认 1 人</source><translation>Default 1</translation></message><message><source>默认 1 人（敏感时期内的节假日按敏感时期人数）</source><translation>Default 1 (a holiday in a sensitive period takes the sensitive period's number)</translation></message><message><source>默认 2 人：粤府办〔2012〕55号要求特殊敏感时期双人值班</source><translation>Default 2: 粤府办〔2012〕55号 asks for two people on duty in sensitive periods</translation></message><message><source>默认否：主要领导只排主要领导班次</source><translation>Default no: chiefs take only chief shifts</translation></message><message><source>默认 1：同一人不连续两天值班</source><translation>Default 1: nobody is on duty two days running</translation></message><message><source>默认 1：公平性按加权工作量比较（工作日 1、周末 2、节假日 3），同《劳动法》第四十四条加班工资倍数的比例</source><translation>Default 1: fairness compares the weighted load (workday 1, weekend 2, holiday 3), in the proportion of the overtime rates of Labour Law Art. 44</translation></message><message><source>默认 2：《劳动法》第四十四条，休息日安排工作又不能安排补休的，支付不低于工资的 200%</source><translation>Default 2: Labour Law Art. 44, work on a rest day without time off in lieu is paid at least 200%</translation></message><message><source>默认 3：《劳动法》第四十四条，法定休假日安排工作的，支付不低于工资的 300%</source><translation>Default 3: Labour Law Art. 44, work on a statutory holiday is paid at least 300%</translation></message><message><source>默认 20 秒：到时给出已找到的最佳排班，并注明未证明最优；可随时取消</source><translation>Default 20 s: then the best rota found is offered, marked as not proven best; it can be stopped at any time</translation></message><message><source>默认每值一天节假日班补休一天，用于值班统计</source><translation>Default: a day off for each holiday duty, used in the duty statistics</translation></message><message><source>国务院应急办 2015 年通知：重特大事件 30 分钟内电话、1 小时内书面；一般事件 2 小时内书面（生产安全事故报告和调查处理条例）；0 表示不要求电话报告</source><translation>State Council emergency office notice of 2015: serious and extremely serious events by phone within 30 minutes and in writing within 1 hour; ordinary events in writing within 2 hours (Regulations on the Reporting, Investigation and Handling of Production Safety Accidents); 0 means no phone report required</translation></message><message><source>国务院应急办 2015 年通知：重特大事件 30 分钟内电话、1 小时内书面；一般事件 2 小时内书面（生产安全事故报告和调查处理条例）</source><translation>State Council emergency office notice of 2015: serious and extremely serious events by phone within 30 minutes and in writing within 1 hour; ordinary events in writing within 2 hours (Regulations on the Reporting, Investigation and Handling of Production Safety Accidents)</translation></message><message><source>默认每天 08:00 和 17:00 前各续报一次（重特大事件每日至少两次）</source><translation>Default: a follow-up by 08:00 and by 17:00 each day (at least twice a day for serious events)</translation></message><message><source>默认每天 17:00 前续报一次</source><translation>Default: a follow-up by 17:00 each day</translation></message><message><source>默认 0：国家无统一终报时限，办结前必须终报；可设为接报后若干天</source><translation>Default 0: there is no national deadline for the final report, but it must come before closing; it can be set to a number of days after receipt</translation></message><message><source>默认 30：报送时间早于登记时间 30 分钟以上的为补录，须写明原因，并在处理经过、交接班记录和打印件上注明补录及两个时间</source><translation>Default 30: a report whose sent time is more than 30 minutes before it was logged is a late entry; it needs a reason and is marked, with both times, in the timeline, the handover record and the printouts</translation></message><message><source>默认超过 100 人由县级指挥，100 人以下本镇会同相邻乡镇处置（各地预案不同）</source><translation>Default: the county commands above 100 people; below that the town handles it with its neighbours (local plans differ)</translation></message><message><source>默认 500 人以上由市级指挥</source><translation>Default: the city commands at 500 people or more</translation></message><message><source>默认到期前 10 分钟提醒</source><translation>Default: an alert 10 minutes before a deadline</translation></message><message><source>默认交接班前 15 分钟起可签到（接班人提前到岗）</source><translation>Default: sign-in opens 15 minutes before the handover (the incoming officer arrives early)</translation></message><message><source>默认交接班后 15 分钟仍未签到即提醒</source><translation>Default: an alert if nobody has signed in 15 minutes after the handover</translation></message><message><source>默认带班领导和值班员签到</source><translation>Default: the shift leader and the duty officer sign in</translation></message><message><source>默认夜间 22:00 起</source><translation>Default: from 22:00 at night</translation></message><message><source>默认至次日 06:00</source><translation>Default: until 06:00 next day</translation></message><message><source>默认每 2 小时确认一次；0 表示不做在岗确认</source><translation>Default: every 2 hours; 0 means no presence checks</translation></message><message><source>默认弹出后 10 分钟内确认，否则记为未确认</source><translation>Default: confirm within 10 minutes of the prompt, or it is recorded as not confirmed</translation></message><message><source>默认节日第一天前 5 天报备值班表（有的地市要求 3 天）</source><translation>Default: report the rota 5 days before the first day of a holiday (some cities ask for 3)</translation></message><message><source>默认当天 17:00 前</source><translation>Default: by 17:00 that day</translation></message><message><source>默认节假日每天 15:00 前报送值班日报（有事报事、无事报平安）</source><translation>Default: on holidays a daily duty report by 15:00 (report what happened, or that all is well)</translation></message><message><source>本镇的村(社区)，用「、」分隔；责任人名单中出现的村(社区)也算在内，预警按此顺序列出</source><translation>The town's villages, separated by 、; villages in the list of responsible people count too; warnings list them in this order</translation></message><message><source>默认 9 类基层责任人岗位（预警信息接收与传达规定），可增删</source><translation>Default: the 9 village roles (the rules on receiving and relaying warnings); add or remove as needed</translation></message><message><source>默认「全部」：红色、橙色预警叫应预警区域内全部责任人</source><translation>Default 全部 (all): red and orange warnings go to everyone responsible in the area</translation></message><message><source>默认各村(社区)书记、主任和网格员</source><translation>Default: each village's secretary, director and grid worker</translation></message><message><source>默认不收窄。写成「山洪灾害：山洪预警员、村(社区)书记；地质灾害气象风险：地灾群测群防员、村(社区)书记」：这些类型的预警只叫应所列岗位（仍在该颜色的叫应岗位之内）</source><translation>Default: not narrowed. Written as 「山洪灾害：山洪预警员、村(社区)书记；地质灾害气象风险：地灾群测群防员、村(社区)书记」 (type: roles; type: roles): warnings of these types call only the roles listed (still within the roles their colour calls)</translation></message><message><source>默认 5 分钟：长治市水旱灾害防御预警「叫应」机制「确保5分钟内叫醒」</source><translation>Default 5 minutes: Changzhi flood and drought warning call-back rule, "wake them within 5 minutes"</translation></message><message><source>默认 5 分钟，同红色预警</source><translation>Default 5 minutes, as for red</translation></message><message><source>默认 30 分钟</source><translation>Default 30 minutes</translation></message><message><source>默认 0：蓝色预警登记转发，不要求逐人叫应</source><translation>Default 0: blue warnings are recorded and forwarded, no calls required</translation></message><message><source>默认 3 次未接通后改叫 AB角（勉县叫应叫醒做法：5 分钟内呼叫 3 次）</source><translation>Default: call the backup after 3 unanswered calls (Mian County practice: 3 calls in 5 minutes)</translation></message><message><source>默认 08:30：工作日上班时间内派单打联动单位办公室，其余时间打当天值班人员</source><translation>Default 08:30: in working hours on workdays a dispatch rings the unit's office; otherwise that day's person on duty</translation></message><message><source>默认 17:30：此后至次日上班前及节假日，按值班备勤表找当天值班人员</source><translation>Default 17:30: from then until the next morning, and on holidays, the duty roster says whom to ring</translation></message><message><source>默认是：特殊敏感时期同节假日，每天报送值班日报</source><translation>Default yes: in a sensitive period a daily report is sent every day, as on holidays</translation></message><message><source>默认不设；设了起止日期的，主汛期内每天报送值班日报（如 04-15 至 10-15，各地不同）</source><translation>Not set by default; with both dates set, a daily report is sent every day of the flood season (e.g. 04-15 to 10-15; it differs by region)</translation></message><message><source>与开始日期同时设置；可跨年（如 11-15 至 次年 02-15）</source><translation>Set together with the start; may run over New Year (e.g. 11-15 to 02-15)</translation></message><message><source>默认每个附件 20 MB：扫描的来文、传真、照片和预案一般在几 MB 以内；附件存在数据库里，随每次备份复制，过大的文件拖慢备份</source><translation>Default 20 MB per attachment: scanned documents, faxes, photos and plans are usually a few MB; attachments live in the database and are copied by every backup, so very large files slow backups down</translation></message><message><source>河南省：Ⅰ、Ⅱ级 15 分钟电话、35 分钟书面；Ⅲ级 60 分钟书面；Ⅳ级 6 小时书面</source><translation>Henan Province: levels I–II by phone in 15 minutes and in writing in 35; level III in writing in 60 minutes; level IV in writing in 6 hours</translation></message><message><source>部分地市：Ⅰ、Ⅱ级 15 分钟电话、30 分钟书面</source><translation>Some cities: levels I–II by phone in 15 minutes and in writing in 30</translation></message><message><source>Ⅰ、Ⅱ级</source><translation>Levels I and II</translation></message><message><source>蓝色</source><translation>blue</translation></message><message><source>黄色</source><translation>yellow</translation></message><message><source>橙色</source><translation>orange</translation></message><message><source>红色</source><translation>red</translation></message><message><source>发布</source><translation>Issued</translation></message><message><source>升级</source><translation>Upgraded</translation></message><message><source>降级</source><translation>Downgraded</translation></message><message><source>解除</source><translation>Lifted</translation></message><message><source>短信</source><translation>Text</translation></message><message><source>微信工作群</source><translation>WeChat group</translation></message><message><source>广播</source><translation>Loudspeaker</translation></message><message><source>上门</source><translation>Visit</translation></message><message><source>已应答</source><translation>Answered</translation></message><message><source>未接通</source><translation>No answer</translation></message><message><source>已发送</source><translation>Sent</translation></message><message><source>未联系</source><translation>Not contacted</translation></message><message><source>已转AB角</source><translation>Backup answered</translation></message><message><source>不需要</source><translation>Not needed</translation></message><message><source>生效中</source><translation>In force</translation></message><message><source>已更新</source><translation>Superseded</translation></message><message><source>已解除</source><translation>Lifted</translation></message><message><source>已过期</source><translation>Expired</translation></message><message><source>暴雨</source><translation>Rainstorm</translation></message><message><source>台风</source><translation>Typhoon</translation></message><message><source>雷雨大风</source><translation>Thunderstorm gale</translation></message><message><source>冰雹</source><translation>Hail</translation></message><message><source>暴雪</source><translation>Snowstorm</translation></message><message><source>寒潮</source><translation>Cold wave</translation></message><message><source>高温</source><translation>Heat</translation></message><message><source>大雾</source><translation>Fog</translation></message><message><source>道路结冰</source><translation>Icy roads</translation></message><message><source>森林火险</source><translation>Forest fire risk</translation></message><message><source>山洪灾害</source><translation>Flash flood</translation></message><message><source>地质灾害气象风险</source><translation>Geological hazard risk</translation></message><message><source>洪水</source><translation>Flood</translation></message><message><source>干旱</source><translation>Drought</translation></message><message><source>大风</source><translation>Gale</translation></message><message><source>霜冻</source><translation>Frost</translation></message><message><source>霾</source><translation>Haze</translation></message><message><source>村(社区)书记</source><translation>Secretary</translation></message><message><source>村(社区)主任</source><translation>Director</translation></message><message><source>网格员</source><translation>Grid worker</translation></message><message><source>山洪预警员</source><translation>Flood warden</translation></message><message><source>地灾群测群防员</source><translation>Landslide watcher</translation></message><message><source>水库山塘巡查员</source><translation>Reservoir patrol</translation></message><message><source>危房联络员</source><translation>Housing liaison</translation></message><message><source>避灾场所管理员</source><translation>Shelter keeper</translation></message><message><source>企业安全员</source><translation>Plant safety officer</translation></message><message><source>全镇</source><translation>Whole town</translation></message><message><source>应急队伍</source><translation>Team</translation></message><message><source>物资</source><translation>Supplies</translation></message><message><source>避难场所</source><translation>Shelter</translation></message><message><source>人数</source><translation>Headcount</translation></message><message><source>数量</source><translation>Amount</translation></message><message><source>容量</source><translation>Capacity</translation></message><message><source>办理中</source><translation>Open</translation></message><message><source>超期办结</source><translation>Done late</translation></message><message><source>已撤销（事项已作废）</source><translation>Withdrawn (record voided)</translation></message><message><source>未知的角色「{0}」（应为 值班员、带班领导 或 管理员）</source><translation>Unknown role "{0}" (it must be 值班员, 带班领导 or 管理员)</translation></message><message><source>用户名应为 2–32 位字母、数字或 _ . -（例如 zhangsan）</source><translation>A user name is 2–32 letters, digits or _ . - (e.g. zhangsan)</translation></message><message><source>姓名不能为空</source><translation>The name cannot be empty</translation></message><message><source>姓名过长（最多 32 个字）</source><translation>The name is too long (at most 32 characters)</translation></message><message><source>密码至少 {0} 位</source><translation>The password needs at least {0} characters</translation></message><message><source>密码最多 {0} 位</source><translation>The password can have at most {0} characters</translation></message><message><source>密码过于简单（至少要有 3 个不同的字符）</source><translation>The password is too simple (it needs at least 3 different characters)</translation></message><message><source>这是常见密码，很容易被猜中，请换一个</source><translation>This is a common password, easily guessed; please choose another</translation></message><message><source>两次输入的密码不一致</source><translation>The two passwords differ</translation></message><message><source>第 {0} 条 {1}</source><translation>entry {0} {1}</translation></message><message><source>「{0}」不是审计链锚点，应为 条数:校验码，如 1234:3F9A-C210-7B4E-55D1（校验码 16 位）</source><translation>"{0}" is not an audit chain anchor; it should be entry:code, e.g. 1234:3F9A-C210-7B4E-55D1 (a 16-digit code)</translation></message><message><source>「{0}」是空文件（0 字节），没有保存</source><translation>"{0}" is empty (0 bytes); nothing was saved</translation></message><message><source>「{0}」有 {1}，超过每个附件 {2} MB 的上限，没有保存。请压缩或分拆后再添加，或由管理员在 设置 中调整附件大小上限</source><translation>"{0}" is {1}, over the limit of {2} MB per attachment; nothing was saved. Compress or split it and add it again, or have an administrator raise the limit in Settings</translation></message><message><source>移除附件须写明原因</source><translation>Removing an attachment needs a reason</translation></message><message><source>移除原因最多 200 字</source><translation>The reason for removal is at most 200 characters</translation></message><message><source>预案至少要关联一个事件子类</source><translation>A plan must cover at least one incident subtype</translation></message><message><source>「{0}」不是 PDF 文件；预案请以 PDF 归档（可用 WPS 或 Word 另存为 PDF）</source><translation>"{0}" is not a PDF; file plans as PDF (WPS or Word can save as PDF)</translation></message><message><source>「{0}」不是已知的事件子类</source><translation>"{0}" is not a known incident subtype</translation></message><message><source>「{0}」不是日期类型，应为 workday / weekend / holiday / adjusted_workday / unknown</source><translation>"{0}" is not a kind of day; it must be workday / weekend / holiday / adjusted_workday / unknown</translation></message><message><source>「{0}」不是有效日期，应为 YYYY-MM-DD</source><translation>"{0}" is not a valid date; write YYYY-MM-DD</translation></message><message><source>「{0}」不是 11 位手机号</source><translation>"{0}" is not an 11-digit mobile number</translation></message><message><source>「{0}」不是有效的电话号码</source><translation>"{0}" is not a valid phone number</translation></message><message><source>{0}应为文字</source><translation>{0} must be text</translation></message><message><source>{0}不能为空</source><translation>{0} cannot be empty</translation></message><message><source>{0}过长（最多 {1} 个字）</source><translation>{0} is too long (at most {1} characters)</translation></message><message><source>填写了联络员手机，请同时填写联络员姓名</source><translation>A liaison mobile was given; please give the liaison's name too</translation></message><message><source>手机号不能为空</source><translation>The mobile number cannot be empty</translation></message><message><source>电话不能为空</source><translation>The phone number cannot be empty</translation></message><message><source>值班日报没有「{0}」这一段</source><translation>The daily report has no paragraph "{0}"</translation></message><message><source>「{0}」一段不能为空</source><translation>The paragraph "{0}" cannot be empty</translation></message><message><source>「{0}」一段不能超过 {1} 字</source><translation>The paragraph "{0}" cannot be longer than {1} characters</translation></message><message><source>{0}至少要有一个时间，例如 17:00</source><translation>{0} needs at least one time, e.g. 17:00</translation></message><message><source>{0}中「{1}」不是 时:分（例如 17:00）</source><translation>"{1}" in {0} is not hours:minutes (e.g. 17:00)</translation></message><message><source>主汛期的开始和结束日期应同时设置或同时留空</source><translation>Set both the start and the end of the flood season, or neither</translation></message><message><source>提前提醒 {0} 分钟不短于最短的时限（{1} {2} 分钟），事项一开始就会提醒；请改小</source><translation>An early warning of {0} minutes is not shorter than the shortest deadline ({1}, {2} minutes), so items would alert as soon as they begin; please make it shorter</translation></message><message><source>在岗确认时限 {0} 分钟长于间隔 {1} 分钟，前后两次确认会重叠</source><translation>The time to confirm presence ({0} minutes) is longer than the interval ({1} minutes), so two checks would overlap</translation></message><message><source>在岗确认从 {0} 到 {1} 每 {2} 分钟一次，最后一次的确认时限跨入次日第一次，时间表自相重叠</source><translation>Presence checks every {2} minutes from {0} to {1}: the time to confirm the last one runs into the first of the next day, so the schedule overlaps itself</translation></message><message><source>{0}只有看不见的字符，请填写文字</source><translation>{0} holds only invisible characters; please type text</translation></message><message><source>{0}含有无法保存的字符（不成对的代理字符），请重新输入</source><translation>{0} contains a character that cannot be stored (an unpaired surrogate); please type it again</translation></message><message><source>{0}含有改变文字方向的控制字符（如 U+{1:04X}），请删除后重新输入</source><translation>{0} contains a character that changes text direction (U+{1:04X}); please remove it</translation></message><message><source>{0}含有控制字符（U+{1:04X}），请删除后重新输入</source><translation>{0} contains a control character (U+{1:04X}); please remove it</translation></message><message><source>{0}的年份 {1} 超出 {2}–{3} 年</source><translation>The year {1} of {0} is outside {2}–{3}</translation></message><message><source>{0}过大（最多 {1}）</source><translation>{0} is too large (at most {1})</translation></message><message><source>接报时间不能晚于这起事件的登记时间（{0}）</source><translation>The time received cannot be later than when the incident was logged ({0})</translation></message><message><source>已有报送记录，更改接报时间须写明原因</source><translation>Reports have been sent: changing the time received needs a reason</translation></message><message><source>办结前必须先报送终报</source><translation>A final report must be sent before closing</translation></message><message><source>重新打开已办结的事件须说明原因</source><translation>Reopening a closed incident needs a reason</translation></message><message><source>事件已办结，不能再派单；如需继续处置请先重新打开</source><translation>The incident is closed and cannot be dispatched; reopen it to continue handling it</translation></message><message><source>请至少选择一个联动单位</source><translation>Please choose at least one partner unit</translation></message><message><source>已向「{0}」派单且尚未办结，不必重复派单</source><translation>"{0}" has already been dispatched and has not finished; no need to dispatch again</translation></message><message><source>该派单已办结</source><translation>This dispatch is already finished</translation></message><message><source>未知的反馈类型「{0}」，应为 {1}</source><translation>Unknown kind of feedback "{0}"; it must be one of {1}</translation></message><message><source>未知的登记类型「{0}」，应为 {1}</source><translation>Unknown kind of entry "{0}"; it must be one of {1}</translation></message><message><source>参与 {0} 人（≤ {1}）：由本镇会同相邻乡镇处置</source><translation>{0} people involved (≤ {1}): the town handles it with its neighbours</translation></message><message><source>未知的{0}「{1}」，应为 {2}</source><translation>Unknown {0} "{1}"; it must be {2}</translation></message><message><source>级别变更记录无法读取：{0}</source><translation>The level history cannot be read: {0}</translation></message><message><source>建议：{0}（{1}）</source><translation>Suggested: {0} ({1})</translation></message><message><source>参与 {0} 人（≥ {1}）：由市级指挥处置</source><translation>{0} people involved (≥ {1}): the city commands</translation></message><message><source>参与 {0} 人（&gt; {1}）：由县级指挥处置</source><translation>{0} people involved (&gt; {1}): the county commands</translation></message><message><source>应为由「时间, 级别」组成的列表</source><translation>it should be a list of [time, level]</translation></message><message><source>级别变更记录与当前级别不符（记录止于{0}，事件现为{1}）</source><translation>The level history does not match the present level (it ends at {0}; the incident is now {1})</translation></message><message><source>建议：{0}（死亡、受伤和直接经济损失均未达较大级标准）</source><translation>Suggested: {0} (deaths, injured and direct loss are all below level III)</translation></message><message><source>{0}应为不小于 0 的整数</source><translation>{0} must be a whole number of 0 or more</translation></message><message><source>{0}不能为负数（{1}）</source><translation>{0} cannot be negative ({1})</translation></message><message><source>未知字段「{0}」</source><translation>Unknown field "{0}"</translation></message><message><source>第 {0} 条不是「时间, 级别」</source><translation>item {0} is not [time, level]</translation></message><message><source>第 {0} 条的时间「{1}」没有时区（UTC 偏移）</source><translation>the time "{1}" of item {0} has no time zone (UTC offset)</translation></message><message><source>第 {0} 条的级别「{1}」不在可选范围内</source><translation>the level "{1}" of item {0} is not one of the levels</translation></message><message><source>第 {0} 条的时间早于前一条（记录顺序颠倒）</source><translation>the time of item {0} is before the previous one (out of order)</translation></message><message><source>死亡 {0} 人 ≥ {1}</source><translation>{0} dead ≥ {1}</translation></message><message><source>受伤 {0} 人 ≥ {1}（条例按重伤计，请核实伤情）</source><translation>{0} injured ≥ {1} (the regulation counts serious injuries: check how serious)</translation></message><message><source>直接经济损失 {0:g} 万元 ≥ {1} 万元</source><translation>direct loss {0:g} × 10,000 yuan ≥ {1} × 10,000 yuan</translation></message><message><source>{0}应为不小于 0 的整数，「{1}」不是整数</source><translation>{0} must be a whole number of 0 or more; "{1}" is not a whole number</translation></message><message><source>请选择事件类别</source><translation>Please choose the incident category</translation></message><message><source>标题不能是 JSON 列表或对象，请填写事件的简要名称</source><translation>The title cannot be a JSON list or object; give the incident a short name</translation></message><message><source>「{0}」不是{1}的子类，应为 {2}</source><translation>"{0}" is not a type of {1}; it must be one of {2}</translation></message><message><source>请填写接报时间</source><translation>Please fill in the time received</translation></message><message><source>发生时间无法识别</source><translation>The time it occurred cannot be read</translation></message><message><source>不是有效的 JSON</source><translation>it is not valid JSON</translation></message><message><source>第 {0} 条的时间「{1}」无法识别</source><translation>the time "{1}" of item {0} cannot be read</translation></message><message><source>接报时间比现在晚 5 分钟以上，请检查日期和时间</source><translation>The time received is more than 5 minutes in the future; please check the date and time</translation></message><message><source>发生时间不能晚于接报时间</source><translation>The time it occurred cannot be after the time it was received</translation></message><message><source>办理时限必须晚于批示时间</source><translation>The time limit must be later than the time the instruction was given</translation></message><message><source>批示时间不能早于所批示事项的接收时间</source><translation>The instruction cannot be given before the matter it is about was received</translation></message><message><source>该批示已办结，不能再登记落实情况；如需继续办理请先重新打开</source><translation>This instruction is done and takes no more feedback; reopen it first to carry on</translation></message><message><source>落实情况不能为空</source><translation>The feedback cannot be empty</translation></message><message><source>落实时间不能早于批示时间</source><translation>The time of the feedback cannot be earlier than the instruction</translation></message><message><source>该批示已经办结</source><translation>This instruction is already done</translation></message><message><source>办结须填写最终落实情况</source><translation>Marking it done needs the final feedback</translation></message><message><source>办结时间不能早于批示时间</source><translation>The time of completion cannot be earlier than the instruction</translation></message><message><source>办结时间不能早于已登记的落实情况或重新打开的时间</source><translation>The time of completion cannot be earlier than the progress already recorded or than the reopening</translation></message><message><source>该批示尚未办结，无需重新打开</source><translation>This instruction is not done; there is nothing to reopen</translation></message><message><source>重新打开已办结的批示须说明原因</source><translation>Reopening a done instruction needs a reason</translation></message><message><source>请填写作出批示的领导</source><translation>Enter the leader who gave the instruction</translation></message><message><source>请选择或填写承办单位或承办人</source><translation>Choose or type the department or person to act</translation></message><message><source>该批示所针对的记录已作废，批示随之撤销，不能再登记落实情况、办结或重新打开</source><translation>The record this instruction is on has been voided, so the instruction is withdrawn: no more progress, completion or reopening can be recorded</translation></message><message><source>领导批示只能针对来电来文、事件或预警</source><translation>A leader’s instruction can only be on a call or document, an incident or a warning</translation></message><message><source>{0}应为 月-日，例如 06-01</source><translation>{0} must be month-day, e.g. 06-01</translation></message><message><source>{0}「{1}」不是有效的时间，应为 2026-07-01T03:10 或 2026-07-01 03:10</source><translation>{0} "{1}" is not a valid time; write 2026-07-01T03:10 or 2026-07-01 03:10</translation></message><message><source>{0} 分 {1} 秒</source><translation>{0} min {1} s</translation></message><message><source>密码连续输错 {0} 次，该用户已锁定，请 {1}后再试</source><translation>{0} wrong passwords in a row: this user is locked; try again in {1}</translation></message><message><source>{0} 秒</source><translation>{0} s</translation></message><message><source>填写了带班领导手机，请同时填写带班领导姓名</source><translation>A leader's mobile is given: please give the leader's name too</translation></message><message><source>处置要点应为步骤的列表</source><translation>The checklist must be a list of steps</translation></message><message><source>处置要点最多 {0} 步</source><translation>A checklist has at most {0} steps</translation></message><message><source>第 {0} 步</source><translation>Step {0}</translation></message><message><source>「{0}」不是这起事件的处置要点（值班台和外勤笔记本的清单上都没有），外勤包可能被改动过</source><translation>"{0}" is not a first step of this incident (on neither the desk's nor the laptop's list); the field package may have been altered</translation></message><message><source>勾选人「{0}」不是外勤包带出的账户（也不是笔记本上新建的），外勤包可能被改动过</source><translation>The tick's "{0}" is no account the field package carried (nor one made on the laptop); the field package may have been altered</translation></message><message><source>勾选时间 {0} 早于事件的接报时间 {1}，外勤包可能被改动过</source><translation>The tick at {0} is before the incident was received ({1}); the field package may have been altered</translation></message><message><source>第 {0} 步应为文字</source><translation>Step {0} must be text</translation></message><message><source>第 {0} 步与第 {1} 步相同</source><translation>Step {0} is the same as step {1}</translation></message><message><source>补录：报送 {0}，登记 {1}{2}</source><translation>Late entry: sent {0}, logged {1}{2}</translation></message><message><source>接报时间在报送后更正：原 {0}，改为 {1}</source><translation>Time received corrected after a report: was {0}, now {1}</translation></message><message><source>，原因：{0}</source><translation>, reason: {0}</translation></message><message><source>类型不能为空（队伍、物资或避难场所）</source><translation>The kind cannot be empty (队伍 team, 物资 supplies or 避难场所 shelter)</translation></message><message><source>「{0}」不是资源类型，应为 队伍、物资 或 避难场所</source><translation>"{0}" is not a kind of resource; use 队伍 (team), 物资 (supplies) or 避难场所 (shelter)</translation></message><message><source>{0}应为数字</source><translation>{0} must be a number</translation></message><message><source>{0}「{1}」应为不小于 0 的整数，可带单位，如 2000 条</source><translation>{0} "{1}" must be a whole number, 0 or more, with a unit if wanted, e.g. 2000 条</translation></message><message><source>适用子类不能为空：资源在这些子类的事件中列出</source><translation>Tick at least one subtype: the resource is listed on incidents of these subtypes</translation></message><message><source>适用子类最多 {0} 个</source><translation>At most {0} subtypes</translation></message><message><source>{0}应为整数</source><translation>{0} must be a whole number</translation></message><message><source>物资须填写数量</source><translation>Supplies need an amount</translation></message><message><source>「{0}」不是事件子类，应为 {1}</source><translation>"{0}" is not an incident subtype; use {1}</translation></message><message><source>按职责分工（{0}）</source><translation>By who handles what ({0})</translation></message><message><source>牵头单位不能为空</source><translation>The lead department is required</translation></message><message><source>通讯录中没有名为「{0}」的联动单位</source><translation>Contacts has no partner unit named "{0}"</translation></message><message><source>配合单位最多 {0} 个</source><translation>At most {0} supporting departments</translation></message><message><source>「{0}」已是牵头单位，不必再列为配合单位</source><translation>"{0}" already leads; it need not support as well</translation></message><message><source>「{0}」不是本镇设定的责任人岗位（{1}）</source><translation>"{0}" is not one of the desk's roles ({1})</translation></message><message><source>AB角不能是本人</source><translation>A person cannot be their own backup</translation></message><message><source>{0} {1}：{2}</source><translation>{0} {1}: {2}</translation></message><message><source>{0}：{1}</source><translation>{0}: {1}</translation></message><message><source>未安排（当天须 {0} 名{1}）</source><translation>not assigned (the day needs {0} × {1})</translation></message><message><source>未安排（节假日和敏感时期须三级值班）</source><translation>Not assigned (holidays and sensitive periods need three levels)</translation></message><message><source>每天都必须有带班领导在岗</source><translation>A shift leader must be on duty every day</translation></message><message><source>换班、代班须填写原因</source><translation>Swaps and stand-ins need a reason</translation></message><message><source>这个班次还没有人值班，谈不上代班：请用「安排 / 更换」</source><translation>Nobody is on this duty yet, so nobody can stand in: use Assign / change</translation></message><message><source>代班须选定代值此班的人</source><translation>A stand-in needs the person who takes the duty</translation></message><message><source>不能批准涉及自己的换班或代班，请由另一位有批准权限的领导登录后批准</source><translation>Nobody approves a swap or stand-in that moves their own duty: another leader with the right to approve must log in and approve it</translation></message><message><source>无法安排：当天须排 {0} 名{1}，可排的只有 {2} 人</source><translation>cannot be filled: the day needs {0} × {1}, only {2} can be rostered</translation></message><message><source>{0} 因前后已排的班次轮休</source><translation>{0} rest because of their duties nearby</translation></message><message><source>已证明本范围至少空 {0} 个班次，排上此班必空出别的班次</source><translation>proven that this range leaves at least {0} slots empty; filling this one empties another</translation></message><message><source>未知的变更类型「{0}」</source><translation>Unknown kind of change "{0}"</translation></message><message><source>{0} 人请假、出差或培训</source><translation>{0} on leave, travel or training</translation></message><message><source>{0} 人与已定的值班（手工安排或范围外）间隔不足</source><translation>{0} too close to a fixed duty (hand-made or outside the range)</translation></message><message><source>{0}（{1} 已排）</source><translation>{0} (on duty {1})</translation></message><message><source>已证明在每天都有人值班的排法中，双人值班至少缺 {0} 人，排上此班必空出别的班次</source><translation>proven that a rota with someone on duty every day lacks at least {0} second officers; filling this one empties another</translation></message><message><source>没有在岗的{0}</source><translation>No active {0}</translation></message><message><source>无法安排：{0} 名{1}均不可排：{2}</source><translation>cannot be filled: none of the {0} {1} can take it: {2}</translation></message><message><source>已证明在空班最少（{0} 个）的排法中，双人值班至少缺 {1} 人，排上此班必空出别的班次</source><translation>proven that a rota with the fewest empty slots ({0}) lacks at least {1} second officers; filling this one empties another</translation></message><message><source>找到的最佳排法空出此班</source><translation>the best rota found leaves it empty</translation></message><message><source>安排的人员已停用或不存在</source><translation>The person assigned is inactive or does not exist</translation></message><message><source>{0} 是{1}，不能值此班</source><translation>{0} is a {1} and cannot take this shift</translation></message><message><source>{0} 当天请假、出差或培训</source><translation>{0} is on leave, travel or training that day</translation></message><message><source>{0} 当天已值{1}</source><translation>{0} is already on duty as {1} that day</translation></message><message><source>{0} 与前后值班间隔不足 {1} 天</source><translation>{0} has less than {1} days between duties</translation></message><message><source>{0} 没有可拨通的手机号</source><translation>{0} has no mobile number that can be called</translation></message><message><source>未安装求解器（OR-Tools），用的是逐日排班法，空班不一定最少</source><translation>The solver (OR-Tools) is not installed; the day-by-day method was used, which may leave more slots empty than needed</translation></message><message><source>已到时限（{0:.0f} 秒），给出目前找到的最佳排班，未证明最优</source><translation>Time limit reached ({0:.0f} s): the best rota found so far, not proven best</translation></message><message><source>给出在计算量限度内找到的最佳排班，未证明最优</source><translation>The best rota found within the solver's work limits, not proven best</translation></message><message><source>{0}应为是或否</source><translation>{0} must be yes or no</translation></message><message><source>{0}应为 24 小时制的 时:分，例如 08:30</source><translation>{0} must be a 24-hour hours:minutes, e.g. 08:30</translation></message><message><source>{0}至少要有一个，例如 带班领导、值班员</source><translation>{0} needs at least one tier, e.g. 带班领导、值班员</translation></message><message><source>{0}至少要有一个岗位，或填「全部」</source><translation>{0} needs at least one role, or 全部 (all)</translation></message><message><source>「{0}」不是已知的时区，例如 Asia/Shanghai</source><translation>"{0}" is not a known time zone, e.g. Asia/Shanghai</translation></message><message><source>{0}应在 {1}{2} 到 {3}{4} 之间</source><translation>{0} must be between {1}{2} and {3}{4}</translation></message><message><source>没有名为「{0}」的设置</source><translation>There is no setting named "{0}"</translation></message><message><source>结束日期 {0:%Y-%m-%d} 早于开始日期 {1:%Y-%m-%d}</source><translation>The end date {0:%Y-%m-%d} is before the start date {1:%Y-%m-%d}</translation></message><message><source>统计期间最长十年</source><translation>A statistics period is at most ten years</translation></message><message><source>{0}；{1}</source><translation>{0}; {1}</translation></message><message><source>{0}、{1}</source><translation>{0}, {1}</translation></message><message><source>{0}，{1}</source><translation>{0}, {1}</translation></message><message><source>值班层级不能为空</source><translation>The duty tier cannot be empty</translation></message><message><source>「{0}」不是值班层级，应为 主要领导 / 带班领导 / 值班员</source><translation>"{0}" is not a duty tier; it must be 主要领导 (chief) / 带班领导 (shift leader) / 值班员 (duty officer)</translation></message><message><source>「{0}」不是联系方式（phone、sms、wechat、broadcast、visit）</source><translation>"{0}" is not a way of contact (phone, sms, wechat, broadcast, visit)</translation></message><message><source>「{0}」不是通知类别（发布、更新、升级、降级、解除，或 issue、update、upgrade、downgrade、cancel）</source><translation>“{0}” is not a kind of notice (发布, 更新, 升级, 降级, 解除, or issue, update, upgrade, downgrade, cancel)</translation></message><message><source>请填写{0}（{1}）</source><translation>Please fill in {0} ({1})</translation></message><message><source>{0}应为文字（{1}）</source><translation>{0} must be text ({1})</translation></message><message><source>「{0}」不是预警颜色（蓝色、黄色、橙色、红色）</source><translation>"{0}" is not a warning colour (blue, yellow, orange, red)</translation></message><message><source>「{0}」不是已知的预警类型（{1}）</source><translation>"{0}" is not a known warning type ({1})</translation></message><message><source>通知类别写的是「{0}」，但按颜色和它所跟随的通知应为「{1}」：请核对颜色或通知类别</source><translation>The notice says “{0}”, but by its colour and the notice it follows it is “{1}”: check the colour or the kind of notice</translation></message><message><source>这是{0}预警的后续通知，类型却写的是{1}：另一种预警请单独登记（后续通知可不写类型）</source><translation>This is a later notice of a {0} warning, but its type says {1}: record another kind of warning on its own (a later notice may leave the type out)</translation></message><message><source>解除的是{0}预警，通知写的颜色是{1}：请核对颜色（解除通知可不写颜色）</source><translation>The warning lifted is {0}, but the cancellation says {1}: check the colour (a cancellation may leave the colour out)</translation></message><message><source>有效期至应晚于发布时间</source><translation>Valid until must be after the time issued</translation></message><message><source>接收时间不能早于发布时间</source><translation>The time received cannot be before the time issued</translation></message><message><source>该预警已解除，不能再更新</source><translation>This warning has been cancelled and cannot be updated</translation></message><message><source>预警 #{0} 之后已有更新的通知 #{1}：后续通知、解除请在最新的通知 #{1} 上登记</source><translation>Warning #{0} has a newer notice, #{1}: record follow-up notices and cancellations against the newest notice, #{1}</translation></message><message><source>接收时间不能早于它所跟随的通知的接收时间</source><translation>The time received cannot be before the notice it follows was received</translation></message><message><source>{0}没有需要叫应的在岗责任人，这条预警无人可叫应：请先在通讯录「基层责任人」中登记（或检查岗位设置）后再登记预警</source><translation>{0} has no active responsible person to call, so nobody could be reached for this warning: register them under Contacts → Responsible people (or check the role settings) first, then record the warning</translation></message><message><source>请选择预警涉及的村(社区)，或选「全镇」</source><translation>Choose the villages the warning covers, or 全镇 (the whole town)</translation></message><message><source>本镇没有村(社区)「{0}」</source><translation>The town has no village "{0}"</translation></message><message><source>该预警{0}，不能再记录叫应</source><translation>This warning is {0}; no more call-backs can be recorded</translation></message><message><source>{0}：「{1}」应写成「预警类型：岗位、岗位」</source><translation>{0}: "{1}" must be written as 预警类型：岗位、岗位 (type: role, role)</translation></message><message><source>{0}：「{1}」不是已知的预警类型（{2}）</source><translation>{0}: "{1}" is not a known warning type ({2})</translation></message><message><source>{0}：预警类型「{1}」写了两次</source><translation>{0}: warning type "{1}" is written twice</translation></message><message><source>{0}：预警类型「{1}」后面没有岗位</source><translation>{0}: warning type "{1}" has no roles after it</translation></message><message><source>{0}预警收窄到的岗位「{1}」不在责任人岗位中</source><translation>The roles "{1}" that {0} warnings are narrowed to are not among the roles of responsible people</translation></message><message><source>{0}{1}预警收窄后没有要叫应的岗位：收窄的岗位须包含{1}预警叫应岗位中的至少一个</source><translation>{1} {0} warnings would call nobody once narrowed: the narrowing must include at least one of the roles called for {1} warnings</translation></message><message><source>数据库结构版本 {0} 比本程序新，请先升级 Dutyroom</source><translation>Schema version {0} is newer than this program; please upgrade Dutyroom first</translation></message><message><source>文件中没有全天事件</source><translation>The file holds no all-day events</translation></message><message><source>第 {0} 个事件（{1}）应为全天事件，且不超过 60 天</source><translation>Event {0} ({1}) must be an all-day event of at most 60 days</translation></message><message><source>第 {0} 个事件：{1}</source><translation>Event {0}: {1}</translation></message><message><source>不是有效的 iCalendar（.ics）日历文件，或文件已损坏</source><translation>Not a valid iCalendar (.ics) file, or the file is damaged</translation></message><message><source>第 {0} 个事件（{1}）的年份 {2} 超出 {3}–{4} 年</source><translation>Event {0} ({1}): the year {2} is outside {3}–{4}</translation></message><message><source>第 {0} 个事件（{1}）的日期无法读取</source><translation>The dates of event {0} ({1}) cannot be read</translation></message><message><source>{0} 在第 {1} 和第 {2} 个事件中类型不同</source><translation>{0} has different kinds in events {1} and {2}</translation></message><message><source>表格中有无法读取的内容</source><translation>The spreadsheet has content that cannot be read</translation></message><message><source>不是 .xlsx 表格，可能是改了扩展名的其他文件或没有下载完整</source><translation>Not an .xlsx spreadsheet: perhaps another file renamed, or an incomplete download</translation></message><message><source>表格缺少必要的组成部分</source><translation>The spreadsheet is missing a required part</translation></message><message><source>表格内容不完整或已损坏</source><translation>The spreadsheet is incomplete or damaged</translation></message><message><source>文件中有无法识别的文字编码</source><translation>The file has text in an encoding that cannot be recognised</translation></message><message><source>表格中含有不安全的内容，已拒绝读取</source><translation>The spreadsheet holds unsafe content and was not read</translation></message><message><source>行数超过 {0} 行，请检查是否选错了文件</source><translation>More than {0} rows; please check this is the right file</translation></message><message><source>编码既不是 UTF-8 也不是 GBK</source><translation>The encoding is neither UTF-8 nor GBK</translation></message><message><source>只能导入 .xlsx 或 .csv 文件</source><translation>Only .xlsx or .csv files can be imported</translation></message><message><source>文件过大（{0:.0f} MB，最多 {1} MB），请检查是否选错了文件</source><translation>The file is too large ({0:.0f} MB, at most {1} MB); check that it is the right file</translation></message><message><source>表格解压后过大（{0:.0f} MB，最多 {1} MB），请检查是否选错了文件</source><translation>The spreadsheet unpacks to too much ({0:.0f} MB, at most {1} MB); check that it is the right file</translation></message><message><source>CSV 格式有误（例如引号不成对或含有空字符）</source><translation>The CSV is malformed (for example an unclosed quote or a NUL character)</translation></message><message><source>文件已损坏或不是有效的表格（{0}）</source><translation>The file is damaged or not a valid spreadsheet ({0})</translation></message><message><source>{0}：{1}（{2}）</source><translation>{0}: {1} ({2})</translation></message><message><source>{0}值班表（{1:%m月%d日}—{2:%m月%d日}）</source><translation>Rota for {0} ({1:%d %b}–{2:%d %b})</translation></message><message><source>{0} {1}</source><translation>{0} {1}</translation></message><message><source>{0}（未排班）</source><translation>{0} (not rostered)</translation></message><message><source>值班员 {0}</source><translation>Duty officer {0}</translation></message><message><source>值班员（未排班）</source><translation>Duty officer (not rostered)</translation></message><message><source>{0:%m月%d日}起节假日</source><translation>the holiday from {0:%d %b}</translation></message><message><source>{0:%m月%d日}值班日报（有事报事、无事报平安）</source><translation>Daily duty report for {0:%d %b} (report what happened, or that all is well)</translation></message><message><source>{0}（{1:%m月%d日}—{2:%m月%d日}）：{3}</source><translation>{0} ({1:%d %b}–{2:%d %b}): {3}</translation></message><message><source>「{0}」是文件夹，不是文件；请选择文件夹里的文件</source><translation>"{0}" is a folder, not a file; choose the files in it</translation></message><message><source>「{0}」不是普通文件，不能作为附件</source><translation>"{0}" is not a regular file and cannot be attached</translation></message><message><source>没有编号为 {0} 的{1}</source><translation>There is no {1} numbered {0}</translation></message><message><source>该{0}已作废，不能再添加附件</source><translation>This {0} is void and takes no more attachments</translation></message><message><source>没有编号为 {0} 的附件</source><translation>There is no attachment number {0}</translation></message><message><source>「{0}」不是可以加附件的记录种类</source><translation>"{0}" is not a kind of record that takes attachments</translation></message><message><source>找不到文件「{0}」</source><translation>File "{0}" not found</translation></message><message><source>无法读取「{0}」：没有权限或路径无效</source><translation>Cannot read "{0}": no permission or an invalid path</translation></message><message><source>无法读取「{0}」：没有读取权限，或文件正被其他程序占用</source><translation>Cannot read "{0}": no read permission, or another program holds the file</translation></message><message><source>附件「{0}」已经移除</source><translation>Attachment "{0}" has already been removed</translation></message><message><source>附件「{0}」的内容与登记时的 SHA-256 不符，可能被替换过；请运行 数据 → 检查</source><translation>The content of attachment "{0}" does not match the SHA-256 recorded when it was added and may have been replaced; run Data → Check</translation></message><message><source>无法在临时文件夹写入附件「{0}」的副本：{1}</source><translation>Cannot write a copy of attachment "{0}" in the temporary folder: {1}</translation></message><message><source>这个备份早于本库 {0:%Y-%m-%d} 班次接班确认时记下的审计链{1}；恢复后将失去 {2} 以后的 {3} 条审计记录（{4}）</source><translation>This backup is older than the audit chain {1} recorded when the {0:%Y-%m-%d} shift was taken over; restoring it loses the {3} audit entries since {2} ({4})</translation></message><message><source>备份文件不能是数据库本身</source><translation>The backup file cannot be the database itself</translation></message><message><source>文件不存在</source><translation>The file does not exist</translation></message><message><source>这是一个文件夹，不是文件</source><translation>This is a folder, not a file</translation></message><message><source>这不是 Dutyroom 数据库或其备份</source><translation>This is not a Dutyroom database or a backup of one</translation></message><message><source>该备份的数据结构版本 {0} 比本程序新，请先升级 Dutyroom</source><translation>The backup's schema version {0} is newer than this program; please upgrade Dutyroom first</translation></message><message><source>不能用数据库本身恢复自己</source><translation>A database cannot be restored from itself</translation></message><message><source>这个备份比本库旧：恢复后将失去 {0} 以后的 {1} 条审计记录（{2}）</source><translation>This backup is older than the database: restoring it loses the {1} audit entries since {0} ({2})</translation></message><message><source>审计链第 {0} 条：{1}</source><translation>Audit chain entry {0}: {1}</translation></message><message><source>无法读取审计记录（{0}）</source><translation>Cannot read the audit records ({0})</translation></message><message><source>恢复未完成（{0}）；原数据库的副本：{1}</source><translation>The restore did not finish ({0}); a copy of the original database: {1}</translation></message><message><source>服务器数据库（PostgreSQL）由服务器管理员用 pg_dump 备份和恢复，不在值班台上备份</source><translation>A server database (PostgreSQL) is backed up and restored by the server's administrator with pg_dump, not at the desk</translation></message><message><source>备份未通过完整性检查：{0}；确需恢复时请写明原因强制恢复（原因记入审计链）</source><translation>The backup failed the integrity check: {0}; to restore it anyway, give the reason (recorded in the audit chain)</translation></message><message><source>{0}。确认要恢复请再次选择并确认丢失</source><translation>{0}. To restore it, choose it again and confirm the loss</translation></message><message><source>{0}已被他人修改（例如另一值班台）</source><translation>{0} has been changed by someone else (at another desk, for example)</translation></message><message><source>{0}人</source><translation>{0}</translation></message><message><source>{0:g} 万元</source><translation>{0:g}×10k yuan</translation></message><message><source>{0}已被他人修改：{1} 于 {2}（可能在另一值班台）改了</source><translation>{0} has been changed by someone else: {1} at {2} (perhaps at another desk) changed</translation></message><message><source>{0}
  · {1}</source><translation>{0}
  · {1}</translation></message><message><source>{0}：{1}
您的这次保存没有写入，填写的内容仍在窗口中。再次保存将只把您改动的内容写到最新版本上。</source><translation>{0}: {1}
Your save was not written; what you entered is still in the window. Saving again writes only your own changes on top of the latest version.</translation></message><message><source>等共 {0} 项</source><translation>{0} in all</translation></message><message><source>填写了{0}：{1}</source><translation>{0} filled in: {1}</translation></message><message><source>修改说明：{0}</source><translation>Reason for the change: {0}</translation></message><message><source>删去了{0}（原为 {1}）</source><translation>{0} cleared (was {1})</translation></message><message><source>{0}由 {1} 改为 {2}</source><translation>{0} changed from {1} to {2}</translation></message><message><source>{0:%Y-%m-%d}的值班尚未开始，还没有值班日报</source><translation>The duty day {0:%Y-%m-%d} has not begun: there is no daily report yet</translation></message><message><source>{0:%Y-%m-%d}没有排班，不是本值班室的值班日</source><translation>{0:%Y-%m-%d} has no rota: it is not a duty day of this desk</translation></message><message><source>{0:%m月%d日}的值班日报已报送并锁定，不能再改</source><translation>The daily report of {0:%d %b} was sent and is locked; it cannot be changed</translation></message><message><source>另一台电脑刚刚报送了这一天的值班日报</source><translation>Another computer has just sent this day's daily report</translation></message><message><source>数据库中已有 {0} 名人员，不能再加入示例数据；请为示例另建一个数据库</source><translation>The database already has {0} people, so the sample data cannot be added; please use a separate database for the sample</translation></message><message><source>已有名为「{0}」的联动单位</source><translation>There is already a partner unit named "{0}"</translation></message><message><source>没有编号为 {0} 的派单</source><translation>There is no dispatch numbered {0}</translation></message><message><source>没有编号为 {0} 的在用联动单位</source><translation>There is no active partner unit numbered {0}</translation></message><message><source>路径中有一段不是文件夹</source><translation>Part of the path is not a folder</translation></message><message><source>没有读取这个文件的权限</source><translation>No permission to read this file</translation></message><message><source>所在文件夹不存在</source><translation>The folder does not exist</translation></message><message><source>没有写入这个位置的权限</source><translation>No permission to write here</translation></message><message><source>磁盘已满</source><translation>The disk is full</translation></message><message><source>磁盘是只读的</source><translation>The disk is read-only</translation></message><message><source>第 {0} 行，列「{1}」：{2}</source><translation>Row {0}, column "{1}": {2}</translation></message><message><source>第 {0} 行：{1}</source><translation>Row {0}: {1}</translation></message><message><source>列「{0}」：{1}</source><translation>Column "{0}": {1}</translation></message><message><source>输入有误</source><translation>The input is wrong</translation></message><message><source>{0}（另有 {1} 处错误）</source><translation>{0} ({1} more errors)</translation></message><message><source>无法写入文件（{0}）</source><translation>Cannot write the file ({0})</translation></message><message><source>无法读取文件（{0}）</source><translation>Cannot read the file ({0})</translation></message><message><source>附件「{0}」</source><translation>Attachment "{0}"</translation></message><message><source>它所属的记录没有并入值班台，这个附件也未并入</source><translation>The record it belongs to was not merged, so this attachment was not merged either</translation></message><message><source>文件大小 {0}，超过值班台每个附件 {1} MB 的上限，未并入；如需保存请压缩或分拆后在值班台添加</source><translation>size {0}, over the desk's limit of {1} MB per attachment; not merged. To keep it, compress or split it and add it at the desk</translation></message><message><source>附件的内容与外勤包审计链中记录的 SHA-256 不符，外勤包可能被改动过</source><translation>The attachment's content does not match the SHA-256 recorded in the package's audit chain; the package may have been tampered with</translation></message><message><source>已登记的附件在外勤包中被改动（附件添加后不能修改），外勤包可能被改动过</source><translation>An attachment on record was changed in the package (an attachment cannot change once added); the package may have been tampered with</translation></message><message><source>附件名「{0}」不是本程序会保存的文件名，外勤包可能被改动过</source><translation>"{0}" is not a file name this program would save; the package may have been tampered with</translation></message><message><source>附件大小无效，外勤包可能被改动过</source><translation>The attachment's size is not valid; the package may have been tampered with</translation></message><message><source>附件的移除时间无效，外勤包可能被改动过</source><translation>The attachment's removal time is not valid; the package may have been tampered with</translation></message><message><source>附件在外勤包中被改动（与外勤包审计链中记录的 SHA-256 等登记信息不符），外勤包可能被改动过</source><translation>The attachment was changed in the package (its SHA-256 or other facts differ from those its audit chain recorded); the package may have been tampered with</translation></message><message><source>{0}已作废，外勤包中却又成了未作废（作废后无法恢复），外勤包可能被改动过</source><translation>The {0} is void, yet the field package makes it live again (a void cannot be undone); the field package may have been altered</translation></message><message><source>{0} {1} 早于外勤包导出时间 {2}，外勤包可能被改动过</source><translation>{0} {1} is before the package was exported ({2}); the package may have been tampered with</translation></message><message><source>{0} {1} 晚于合并时间，外勤包可能被改动过</source><translation>{0} {1} is after the merge; the package may have been tampered with</translation></message><message><source>接报时间 {0} 晚于登记时间 {1}，外勤包可能被改动过</source><translation>Received {0}, later than logged {1}; the package may have been tampered with</translation></message><message><source>{0}晚于合并时刻</source><translation>{0} is later than the moment of merging</translation></message><message><source>作废标记应为是或否</source><translation>The void mark should be yes or no</translation></message><message><source>外勤改动了值班台登记的接报时间，未采用</source><translation>the field laptop changed the time received logged at the desk; not taken</translation></message><message><source>级别变更记录无法读取</source><translation>The history of levels cannot be read</translation></message><message><source>报送时间不能早于接报时间</source><translation>The sent time cannot be before the time received</translation></message><message><source>报送时间晚于登记时间</source><translation>The sent time is later than the time it was logged</translation></message><message><source>报送时间早于登记时间 {0} 分钟以上（补录），须写明原因</source><translation>The sent time is more than {0} minutes before it was logged (a late entry); a reason is required</translation></message><message><source>派单状态「{0}」不在可选范围内</source><translation>Dispatch status "{0}" is not one of the choices</translation></message><message><source>派单时间不能早于接报时间</source><translation>The dispatch time cannot be before the time received</translation></message><message><source>到达或办结时间不能早于派单时间</source><translation>Arrival or closing cannot be before the dispatch</translation></message><message><source>派单状态与办结时间不符</source><translation>The dispatch status does not match its closing time</translation></message><message><source>反馈类型「{0}」不在可选范围内</source><translation>Feedback kind "{0}" is not one of the choices</translation></message><message><source>反馈时间不能早于派单时间</source><translation>Feedback cannot be before the dispatch</translation></message><message><source>转为事件的记录不存在</source><translation>The incident it was turned into does not exist</translation></message><message><source>已登记的记录在外勤包中被改动（笔记本上无法修改），外勤包可能被改动过</source><translation>A logged entry was changed in the package (the laptop cannot change it); the package may have been tampered with</translation></message><message><source>缺少{0}</source><translation>{0} is missing</translation></message><message><source>级别变更记录被改写（只能增加）</source><translation>The history of levels was rewritten (it can only grow)</translation></message><message><source>外勤包中的事件「{0}」已办结却没有终报（办结前必须终报），外勤包可能被改动过</source><translation>Incident "{0}" in the package is closed without a final report (required before closing); the package may have been tampered with</translation></message><message><source>「{0}」在外勤包中被改动（登记后不能修改），外勤包可能被改动过</source><translation>"{0}" was changed in the package (it cannot change once logged); the package may have been tampered with</translation></message><message><source>这份外勤包与已合并的同一外勤包走了不同的分支（同一次导出的另一份）：按导出时的状态比较，值班台在此之后也改过的记录，外勤的版本另存为修订</source><translation>This package went a different way from the copy of it already merged (another copy of the same export): it was compared with the state at export, and where the desk has changed a record since, the field version is kept as a revision</translation></message><message><source>所属事件「{0}」已在值班台作废，外勤在其上新增的这条记录未并入，已另存为修订</source><translation>its incident "{0}" was voided at the desk; this record added in the field was not merged and is kept as a revision</translation></message><message><source>没有可登录的用户「{0}」</source><translation>No active account "{0}"</translation></message><message><source>这个文件不是外勤包（没有外勤包记录），不能合并</source><translation>This file is not a field package (it has no field package record) and cannot be merged</translation></message><message><source>这个外勤包来自另一个值班台（{0}），不能合并到本值班台</source><translation>This package comes from another desk ({0}) and cannot be merged here</translation></message><message><source>这个外勤包不是本值班台导出的（或本库已恢复到导出之前），不能合并</source><translation>This desk did not export this package (or was restored to before the export); it cannot be merged</translation></message><message><source>外勤包中导出时的记录被改动过（与值班台导出时记下的审计链不符），不能合并</source><translation>What the package held when exported was changed (its audit chain no longer matches the desk's record); it cannot be merged</translation></message><message><source>这份外勤包不比已合并过的同一外勤包新（审计链 {0} 条，已合并的更长），没有可合并的内容</source><translation>This package is not newer than the copy already merged (its audit chain has {0} entries, the merged one more); nothing to merge</translation></message><message><source>派往的联动单位「{0}」不在外勤包中</source><translation>The partner unit dispatched to, "{0}", is not in the field package</translation></message><message><source>联动单位「{0}」的一线单位标记无效</source><translation>Partner unit "{0}": the first-line mark is not valid</translation></message><message><source>联动单位「{0}」：{1}</source><translation>Partner unit "{0}": {1}</translation></message><message><source>外勤包中的记录引用了本库没有的记录（{0}）</source><translation>A record in the field package refers to a record this database does not have ({0})</translation></message><message><source>外勤包未通过完整性检查，可能被改动过</source><translation>The package failed its integrity check and may have been tampered with</translation></message><message><source>事件「{0}」的处置要点「{1}」</source><translation>first step "{1}" of incident "{0}"</translation></message><message><source>勾选所属的事件不在外勤包中，外勤包可能被改动过</source><translation>The tick's incident is not in the field package; the field package may have been altered</translation></message><message><source>勾选记录无法读取，外勤包可能被改动过</source><translation>The tick cannot be read; the field package may have been altered</translation></message><message><source>勾选人「{0}」是在外勤笔记本上新建的账户，不是外勤包带出的账户，这次勾选未并入，已另存为修订</source><translation>"{0}" is an account made on the laptop, not one the field package carried; the tick was not merged and is kept as a revision</translation></message><message><source>事件已在值班台作废，外勤 {0} 的勾选未并入，已另存为修订</source><translation>the incident was voided at the desk; the tick made in the field at {0} was not merged and is kept as a revision</translation></message><message><source>事件「{0}」：外勤勾选的「{1}」已不在值班台现行的处置要点清单中，勾选照录（显示在清单末尾）</source><translation>Incident "{0}": "{1}", ticked in the field, is no longer on the desk's list of first steps; the tick is kept as it was (shown at the end of the list)</translation></message><message><source>叫应记录（{0}，编号 {1}）</source><translation>Call record ({0}, no. {1})</translation></message><message><source>预警「{0}{1}预警」{2}通知</source><translation>Warning “{0} {1} warning”, {2} notice</translation></message><message><source>接收时间晚于合并时刻</source><translation>Received time is later than the merge</translation></message><message><source>村(社区)应为名称的列表</source><translation>Villages must be a list of names</translation></message><message><source>解除通知不应有叫应名单，外勤包可能被改动过</source><translation>A cancellation has no call list; the package may have been altered</translation></message><message><source>所属的预警通知没有并入值班台，这次叫应也未并入，已另存为修订</source><translation>The warning notice it belongs to was not merged, so this call was not merged either and was kept as a revision</translation></message><message><source>叫应对象不在该预警的叫应名单中，外勤包可能被改动过</source><translation>The person called is not on this warning's call list; the package may have been altered</translation></message><message><source>叫应结果与联系方式不符，外勤包可能被改动过</source><translation>The call result does not fit the channel; the package may have been altered</translation></message><message><source>AB角标记无效，外勤包可能被改动过</source><translation>The backup (AB) flag is invalid; the package may have been altered</translation></message><message><source>联系时间不能早于接收预警的时间</source><translation>The contact time cannot be before the warning was received</translation></message><message><source>联系时间晚于合并时刻</source><translation>Contact time is later than the merge</translation></message><message><source>{0} 联系时该预警在值班台{1}，这次叫应不计入叫应进度，已另存为修订</source><translation>At {0} this warning was already {1} at the desk: this call does not count towards the relay and was kept as a revision</translation></message><message><source>与值班台已有的一次叫应完全相同（只是编号不同），外勤包可能被改动过</source><translation>It is identical to a call the desk already has (only its number differs); the package may have been altered</translation></message><message><source>通知类型「{0}」不在可选范围内</source><translation>Notice kind “{0}” is not one of the choices</translation></message><message><source>它所跟随的通知没有并入值班台，这条通知也未并入，已另存为修订</source><translation>The notice it follows was not merged, so this notice was not merged either and was kept as a revision</translation></message><message><source>预警的通知链在外勤包中被改动，外勤包可能被改动过</source><translation>The warning's chain of notices was changed in the package; it may have been altered</translation></message><message><source>值班台已于 {0} 解除该预警，外勤登记的后续通知未并入，已另存为修订</source><translation>The desk cancelled this warning at {0}; the later notice recorded in the field was not merged and was kept as a revision</translation></message><message><source>值班台已在同一预警上登记了 {0} 接收的{1}通知，外勤登记的后续通知未并入，已另存为修订</source><translation>The desk recorded a notice ({1}) received at {0} on the same warning; the later notice recorded in the field was not merged and was kept as a revision</translation></message><message><source>解除预警须指明所解除的预警</source><translation>A cancellation must name the warning it cancels</translation></message><message><source>叫应名单中的「{0}」不在值班台的基层责任人名录中（在外勤笔记本上新增的责任人，请先在值班台登记）</source><translation>“{0}” on the call list is not in the desk's directory of responsible persons (add persons created on the field laptop at the desk first)</translation></message><message><source>叫应名单与预警涉及的村(社区)不符，外勤包可能被改动过</source><translation>The call list does not match the warning's villages; the package may have been altered</translation></message><message><source>叫应名单中的「{0}」与外勤笔记本上的责任人名录不符，外勤包可能被改动过</source><translation>“{0}” on the call list does not match the field laptop's directory of responsible persons; the package may have been altered</translation></message><message><source>{0}（{1}）在值班台已改为{2}（{3}），外勤名单照录外勤当时的姓名</source><translation>{0} ({1}) has since been changed to {2} ({3}) at the desk; the field list is kept with the name it had in the field</translation></message><message><source>{0}（{1} {2}）已在值班台停用，外勤对其的叫应仍照录</source><translation>{0} ({1} {2}) has been deactivated at the desk; the calls made to them in the field are kept</translation></message><message><source>叫应名单中「{0}」的AB角「{1}」与外勤笔记本上的责任人名录不符，外勤包可能被改动过</source><translation>The backup “{1}” of “{0}” on the call list does not match the field laptop's directory of responsible persons; the package may have been altered</translation></message><message><source>叫应结果「{0}」不在可选范围内</source><translation>Call result “{0}” is not one of the choices</translation></message><message><source>草稿</source><translation>Draft</translation></message><message><source>已接班</source><translation>Accepted</translation></message><message><source>已接班（第 {0} 版）</source><translation>Accepted (version {0})</translation></message><message><source>这一班的交接班记录</source><translation>This shift's handover record</translation></message><message><source>另一台电脑刚刚保存了这一班的交接班记录，请刷新后再改。</source><translation>Another computer has just saved this shift's handover record; please refresh before editing.</translation></message><message><source>{0:%m月%d日}的交接班记录已由{1}接班确认并锁定，只能「更正」</source><translation>The handover record of {0:%d %b} was accepted by {1} and is locked; it can only be corrected</translation></message><message><source>接班签到开始（{0:%m-%d %H:%M}）后才能接班确认</source><translation>The handover can only be accepted once sign-in opens ({0:%m-%d %H:%M})</translation></message><message><source>请选择在岗的接班人</source><translation>Please choose an active incoming officer</translation></message><message><source>只有已接班确认的记录需要更正；草稿可直接修改后保存</source><translation>Only an accepted record needs a correction; a draft can simply be edited and saved</translation></message><message><source>更正后的内容与原记录相同</source><translation>The correction is the same as the record</translation></message><message><source>「{0}」与第 {1} 行重复</source><translation>"{0}" repeats row {1}</translation></message><message><source>文件中没有人员数据</source><translation>The file holds no people</translation></message><message><source>文件是空的，没有表头和数据</source><translation>The file is empty: no header and no data</translation></message><message><source>缺少必需的列「{0}」（表头应含 {1}）</source><translation>The required column "{0}" is missing (the header must hold {1})</translation></message><message><source>手机 {0} 与第 {1} 行重复</source><translation>Mobile {0} repeats row {1}</translation></message><message><source>应为一个 JSON 对象（{"title": ...}）</source><translation>Must be one JSON object ({"title": ...})</translation></message><message><source>不是 UTF-8 编码的文本文件</source><translation>Not a UTF-8 text file</translation></message><message><source>不是有效的 JSON：第 {0} 行第 {1} 列附近格式有误</source><translation>Not valid JSON: malformed near line {0}, column {1}</translation></message><message><source>不是有效的事件文件：JSON 嵌套过深</source><translation>Not a valid incident file: JSON nested too deep</translation></message><message><source>事件「{0}」</source><translation>Incident "{0}"</translation></message><message><source>事件「{0}」已作废，不能再修改或报送</source><translation>Incident "{0}" is void and can no longer be edited or reported</translation></message><message><source>{0}比现在晚 5 分钟以上，请检查日期和时间</source><translation>{0} is more than 5 minutes in the future; please check the date and time</translation></message><message><source>{0}不能早于{1}</source><translation>{0} cannot be before {1}</translation></message><message><source>没有编号为 {0} 的事件</source><translation>There is no incident numbered {0}</translation></message><message><source>{0}「{1}」</source><translation>{0} "{1}"</translation></message><message><source>内容未变</source><translation>nothing changed</translation></message><message><source>{0}。说明：{1}</source><translation>{0}. Note: {1}</translation></message><message><source>{0}（接报时间 {1}）</source><translation>{0} (received {1})</translation></message><message><source>原因：{0}</source><translation>reason: {0}</translation></message><message><source>状态改为{0}</source><translation>Status: {0}</translation></message><message><source>说明：{0}</source><translation>note: {0}</translation></message><message><source>修改（接报时间在报送后更正）</source><translation>Revised (time received corrected after a report)</translation></message><message><source>{0}{1}（迟报）</source><translation>{0} {1} (late)</translation></message><message><source>{0}{1}</source><translation>{0} {1}</translation></message><message><source>报送{0}</source><translation>Reported to {0}</translation></message><message><source>报送上级</source><translation>Reported to the upper level</translation></message><message><source>{0}（报送时间 {1}）</source><translation>{0} (sent {1})</translation></message><message><source>处置要点完成</source><translation>Checklist step done</translation></message><message><source>{0}（{1} {2}），{3} 分钟内到达</source><translation>{0} ({1} {2}), on site within {3} minutes</translation></message><message><source>{0}反馈：{1}</source><translation>{0} feedback: {1}</translation></message><message><source>{0}。要求：{1}</source><translation>{0}. Request: {1}</translation></message><message><source>{0}（派单时间 {1}）</source><translation>{0} (ordered {1})</translation></message><message><source>{0}（反馈时间 {1}）</source><translation>{0} (at {1})</translation></message><message><source>预警「{0}{1}」</source><translation>Warning “{0} {1}”</translation></message><message><source>筛选条件应为 all、open、overdue 或 done</source><translation>The filter must be all, open, overdue or done</translation></message><message><source>没有编号为 {0} 的领导批示</source><translation>There is no leader’s instruction number {0}</translation></message><message><source>编号 {0} 不是在用的带班领导或主要领导；县领导等请直接填写姓名</source><translation>Number {0} is not an active leader on duty or chief; type the name of a county leader instead</translation></message><message><source>「{0}」不是编号</source><translation>“{0}” is not a number</translation></message><message><source>已作废的记录不能登记领导批示</source><translation>A voided record cannot take a leader’s instruction</translation></message><message><source>请填写办理时限</source><translation>Enter the time limit</translation></message><message><source>无法读取{0}：{1}（文件可能已损坏、被截断或不是 Dutyroom 数据库）</source><translation>Cannot read {0}: {1} (the file may be damaged, cut short or not a Dutyroom database)</translation></message><message><source>记录不符合本程序的格式</source><translation>a record is not in this program's format</translation></message><message><source>记录内容嵌套过深</source><translation>a record's content is nested too deep</translation></message><message><source>记录内容不是有效的数据</source><translation>a record's content is not valid data</translation></message><message><source>文件无法打开或读取</source><translation>the file cannot be opened or read</translation></message><message><source>文件已损坏或不是数据库</source><translation>the file is damaged or not a database</translation></message><message><source>{0}表 {1} 的 {2} 列有 {3} 个值不是本程序写入的时间格式或不是真实的时间（例如「{4}」），可能被直接改动，按时间段的统计和提醒会算错或无法打开</source><translation>{0} table {1}, column {2}: {3} value(s) not in the time layout this program writes, or no real time (e.g. "{4}"); perhaps changed directly; statistics by period and alerts would count wrongly or fail to open</translation></message><message><source>事件 #{0} 保存的报送时限与按现行报送规则算出的不一致，可能被直接改动，统计会算错</source><translation>The report deadlines kept for incident #{0} differ from those the current reporting rules give; they may have been changed directly, and the statistics would count them wrong</translation></message><message><source>附件内容</source><translation>attachment contents</translation></message><message><source>级别变更记录</source><translation>level histories</translation></message><message><source>报送时限</source><translation>report deadlines</translation></message><message><source>时间格式</source><translation>time layouts</translation></message><message><source>另有 {0} 个事件的级别变更记录无法读取或与级别不符</source><translation>{0} more incidents have a level history that cannot be read or does not match their level</translation></message><message><source>另有 {0} 个事件保存的报送时限与规则算出的不一致</source><translation>{0} more incidents have kept report deadlines that differ from those the rules give</translation></message><message><source>审计链只有 {0} 条，不含纸面记录的{1}：之后的记录被删除，或整个文件被换成了更早的备份</source><translation>The audit chain has only {0} entries and does not hold {1} from the paper: later entries were deleted, or the whole file was replaced by an older backup</translation></message><message><source>审计链第 {0} 条的校验码是 {1}，不是纸面记录的{2}：此前的记录被改写过，或文件被换成了另一份数据库</source><translation>Entry {0} of the audit chain is {1}, not {2} from the paper: earlier entries were rewritten, or the file was replaced by another database</translation></message><message><source>附件「{0}」(#{1}) 的文件内容不在数据库中，可能被直接删除</source><translation>The file content of attachment "{0}" (#{1}) is not in the database; it may have been deleted directly</translation></message><message><source>事件「{0}」(#{1}) 的{2}；更正前其时限按当前级别自接报时起计算，可能被直接改动</source><translation>Incident "{0}" (#{1}): {2}; until corrected its deadlines count from receipt at its present level; perhaps changed directly</translation></message><message><source>附件「{0}」(#{1}) 的文件内容与登记时的 SHA-256 不符，可能被直接替换</source><translation>The file content of attachment "{0}" (#{1}) does not match the SHA-256 recorded when it was added; it may have been replaced directly</translation></message><message><source>{0}记录</source><translation>{0} records</translation></message><message><source>未知的类型「{0}」</source><translation>Unknown kind "{0}"</translation></message><message><source>没有编号为 {0} 的人员</source><translation>There is no person numbered {0}</translation></message><message><source>没有编号为 {0} 的联动单位</source><translation>There is no partner unit numbered {0}</translation></message><message><source>没有编号为 {0} 的值班备勤记录</source><translation>There is no duty roster day numbered {0}</translation></message><message><source>文件中没有值班备勤数据</source><translation>The file holds no duty roster</translation></message><message><source>值班备勤表超过 {0} 天，请检查是否选错了文件</source><translation>The duty roster covers more than {0} days; check that it is the right file</translation></message><message><source>联动单位「{0}」已停用</source><translation>Partner unit "{0}" is inactive</translation></message><message><source>{0} 与第 {1} 行是同一天，一天只能有一名值班人员</source><translation>{0} is the same day as row {1}; a day has one person on duty</translation></message><message><source>没有编号为 {0} 的应急预案</source><translation>There is no emergency plan number {0}</translation></message><message><source>「{0}」不是这起事件的处置要点</source><translation>"{0}" is not a step of this incident's checklist</translation></message><message><source>另一台电脑刚刚修改了「{0}」的处置要点，您的修改未保存。请关闭后重新打开再改。</source><translation>Another computer has just changed the first steps for "{0}"; your changes were not saved. Close the editor and open it again before editing.</translation></message><message><source>「{0}」：{1}</source><translation>"{0}": {1}</translation></message><message><source>没有编号为 {0} 的来电来文登记</source><translation>There is no call or document numbered {0}</translation></message><message><source>该登记已作废，不能再修改</source><translation>This entry is void and can no longer be edited</translation></message><message><source>紧急程度应为 {0} 或留空</source><translation>Urgency must be {0} or empty</translation></message><message><source>标题和内容至少填写一项</source><translation>Fill in the title or the text, at least one</translation></message><message><source>作废须说明原因</source><translation>Voiding needs a reason</translation></message><message><source>该登记已转为事件 #{0}</source><translation>This entry was already made incident #{0}</translation></message><message><source>请填写来电（来文）时间</source><translation>Please fill in when the call (document) came</translation></message><message><source>时间比现在晚 5 分钟以上，请检查日期和时间</source><translation>The time is more than 5 minutes in the future; please check the date and time</translation></message><message><source>应急资源中已有{0}「{1}」{2}</source><translation>Resources already hold {0} "{1}"{2}</translation></message><message><source>文件中没有应急资源数据</source><translation>The file holds no resources</translation></message><message><source>没有编号为 {0} 的职责分工</source><translation>There is no line of who handles what numbered {0}</translation></message><message><source>文件中没有职责分工数据</source><translation>The file holds no lines of who handles what</translation></message><message><source>与第 {0} 行是同一类事件</source><translation>the same kind of incident as row {0}</translation></message><message><source>村(社区)「{0}」不在本镇的村(社区)名单中，可能是「{1}」的笔误；如确为新的村(社区)，可照常导入</source><translation>Village “{0}” is not in the list of villages; it may be a typo for “{1}”. If it really is a new village, import it as it is</translation></message><message><source>村(社区)「{0}」与本镇的「{1}」看起来相同，但含有看不见的字符或全角字符，照此导入将成为另一个村(社区)：请在文件中改为「{1}」</source><translation>Village “{0}” looks the same as “{1}” but holds an unseen or full-width character; imported like this it becomes another village: change it to “{1}” in the file</translation></message><message><source>AB角应为责任人名单中的人</source><translation>The backup must be someone in the list of responsible people</translation></message><message><source>责任人名单中已有{0}{1}「{2}」</source><translation>The list already has {2}, {1} of {0}</translation></message><message><source>手机 {0} 已登记为「{1}」的号码</source><translation>Mobile {0} is already registered as {1}'s number</translation></message><message><source>文件中没有责任人数据</source><translation>The file holds no responsible people</translation></message><message><source>缺少必需的列「{0}」（表头应含 村(社区)、岗位、姓名、手机）</source><translation>The required column "{0}" is missing (the header must hold 村(社区), 岗位, 姓名, 手机)</translation></message><message><source>AB角「{0}」不在文件或责任人名单中</source><translation>The backup "{0}" is neither in the file nor in the list</translation></message><message><source>AB角「{0}」有重名（{1}），无法确定是哪一位：请在通讯录中区分姓名后再导入</source><translation>AB role "{0}" names more than one person ({1}), so it cannot be told which: make the names distinct in Contacts, then import</translation></message><message><source>结束日期早于开始日期</source><translation>The end date is before the start date</translation></message><message><source>日期范围过长（最多两年）</source><translation>The date range is too long (two years at most)</translation></message><message><source>文件中没有日期</source><translation>The file holds no dates</translation></message><message><source>标题中没有年份，无法确定「{0}」是哪一年</source><translation>The title has no year, so the year of "{0}" is unknown</translation></message><message><source>「{0}」不是日期（应为 2月15日 或 2026-02-15）</source><translation>"{0}" is not a date (write 2月15日 or 2026-02-15)</translation></message><message><source>不支持的版式「{0}」，可用 {1}</source><translation>Unsupported layout "{0}"; available: {1}</translation></message><message><source>不支持的格式「{0}」，可用 {1}</source><translation>Unsupported format "{0}"; available: {1}</translation></message><message><source>缺少列「{0}」（应为 date,kind,name）</source><translation>Column "{0}" is missing (the columns are date,kind,name)</translation></message><message><source>{0} 与第 {1} 行重复</source><translation>{0} repeats row {1}</translation></message><message><source>「{0}」不是有效日期</source><translation>"{0}" is not a valid date</translation></message><message><source>值班表只能从 .xlsx 导入</source><translation>A rota can only be imported from .xlsx</translation></message><message><source>找不到「日期」表头行</source><translation>No header row with "日期" (date) found</translation></message><message><source>缺少「带班领导」列</source><translation>The "带班领导" (shift leader) column is missing</translation></message><message><source>{0}月{1}日 与第 {2} 行重复</source><translation>{0}/{1} repeats row {2}</translation></message><message><source>值班表中没有日期行</source><translation>The rota has no date rows</translation></message><message><source>{0}最多填 {1} 人</source><translation>{0}: at most {1} people</translation></message><message><source>「{0}」不在通讯录在岗人员中</source><translation>"{0}" is not an active person in Contacts</translation></message><message><source>「{0}」是{1}，不能列为{2}</source><translation>"{0}" is a {1} and cannot be listed as {2}</translation></message><message><source>「{0}」当天已列为{1}，同一人一天只能值一个班次</source><translation>"{0}" is already listed as {1} that day; one person takes one duty a day</translation></message><message><source>{0} 已停用，不能排班</source><translation>{0} is inactive and cannot be rostered</translation></message><message><source>{0} 是{1}，不能值{2}班</source><translation>{0} is a {1} and cannot take a {2} shift</translation></message><message><source>岗位序号应为 1 到 {0}</source><translation>The seat number must be 1 to {0}</translation></message><message><source>每天只有一名{0}</source><translation>A day has only one {0}</translation></message><message><source>换班须填写原因</source><translation>A swap needs a reason</translation></message><message><source>请选择另一天</source><translation>Please choose another day</translation></message><message><source>预览之后值班表、请假或人员已有变动，请重新预览后再保存</source><translation>The rota, leave or staff changed after the preview; preview again before saving</translation></message><message><source>{0:%m月%d日}只需 {1} 名值班员</source><translation>{0:%m-%d} needs only {1} duty officer(s)</translation></message><message><source>{0} {1:%m月%d日}已值{2}，同一人一天只能值一个班次</source><translation>{0} is already on duty as {2} on {1:%m-%d}; one person takes one duty a day</translation></message><message><source>两天都须已安排{0}才能换班</source><translation>Both days must have a {0} assigned to swap</translation></message><message><source>角色名应为小写字母、数字或下划线，以字母开头，最多 63 位（例如 dutyroom_desk）</source><translation>A role name is lower-case letters, digits or underscores, starting with a letter, at most 63 (e.g. dutyroom_desk)</translation></message><message><source>server setup 只用于 PostgreSQL 服务器（--db postgresql+psycopg://…）</source><translation>server setup is only for a PostgreSQL server (--db postgresql+psycopg://…)</translation></message><message><source>角色 {0} 是数据库所有者、有管理权限或属于其他角色，不能作为值班席位角色</source><translation>Role {0} owns the database, has administrative powers or belongs to another role, and cannot be the desk role</translation></message><message><source>数据库所有者 {0} 无权{1}角色：请由服务器管理员（postgres）在 psql 中运行 CREATE ROLE {2} LOGIN PASSWORD '…'（或 ALTER ROLE … PASSWORD），再运行本命令并且不设 $DUTYROOM_DESK_PASSWORD：本命令只授予权限</source><translation>The database owner {0} may not {1} roles: ask the server's administrator (postgres) to run CREATE ROLE {2} LOGIN PASSWORD '…' (or ALTER ROLE … PASSWORD) in psql, then run this command again without $DUTYROOM_DESK_PASSWORD: it only grants rights</translation></message><message><source>新角色的密码须放在环境变量 $DUTYROOM_DESK_PASSWORD 中</source><translation>Put the new role's password in the environment variable $DUTYROOM_DESK_PASSWORD</translation></message><message><source>{0} 中还没有 Dutyroom 数据库（新建数据库请运行 dutyroom init）</source><translation>{0} holds no Dutyroom database yet (run dutyroom init to create one)</translation></message><message><source>数据库文件 {0} 不存在（新建数据库请运行 dutyroom init）</source><translation>The database file {0} does not exist (run dutyroom init to create one)</translation></message><message><source>无法作为 Dutyroom 数据库打开（{0}）</source><translation>Cannot be opened as a Dutyroom database ({0})</translation></message><message><source>无法识别的数据库地址：应为文件路径，或 postgresql+psycopg://用户@主机/数据库</source><translation>Unreadable database address: give a file path, or postgresql+psycopg://user@host/database</translation></message><message><source>数据库文件路径无法使用（过长或含有系统不允许的字符）：{0}</source><translation>The database path cannot be used (too long, or characters the system does not allow): {0}</translation></message><message><source>不支持的数据库 {0}：请用 SQLite 文件路径或 PostgreSQL（postgresql+psycopg://用户@主机/数据库）</source><translation>Unsupported database {0}: use an SQLite file path or PostgreSQL (postgresql+psycopg://user@host/database)</translation></message><message><source>不支持的数据库地址 {0}：请用 SQLite 文件路径或 PostgreSQL（postgresql+psycopg://用户@主机/数据库）</source><translation>Unsupported database address {0}: use an SQLite file path or PostgreSQL (postgresql+psycopg://user@host/database)</translation></message><message><source>无法打开或连接数据库 {0}：请检查文件是否可读，或服务器地址、端口、用户名和密码是否正确、服务器是否已启动</source><translation>Cannot open or connect to the database {0}: check that the file can be read, or that the server address, port, user name and password are right and the server is running</translation></message><message><source>未安装 PostgreSQL 驱动 {0}：请安装 dutyroom[postgresql]（pip install "dutyroom[postgresql]"），地址写作 postgresql+psycopg://用户@主机/数据库</source><translation>The PostgreSQL driver {0} is not installed: install dutyroom[postgresql] (pip install "dutyroom[postgresql]") and write the address as postgresql+psycopg://user@host/database</translation></message><message><source>数据库结构须由 {0} 升级到 {1}：请管理员用数据库所有者的连接运行 dutyroom init</source><translation>The database schema must be upgraded from {0} to {1}: an administrator runs dutyroom init over the database owner's connection</translation></message><message><source>下一次在 {0:%H:%M}</source><translation>the next is at {0:%H:%M}</translation></message><message><source>本班次没有在岗确认</source><translation>This shift has no presence checks</translation></message><message><source>{0} 已停用，不能签到</source><translation>{0} is inactive and cannot sign in</translation></message><message><source>查岗时间晚于现在</source><translation>The time of the inspection call is in the future</translation></message><message><source>查岗方式应为{0}之一</source><translation>How the check was made must be one of {0}</translation></message><message><source>查岗结果不在可选范围内</source><translation>The result of the inspection call is not one of the choices</translation></message><message><source>是否按规定接听应为是或否</source><translation>"Answered in time" must be yes or no</translation></message><message><source>在岗正常时请填写接听人</source><translation>When the desk was staffed, please name who answered</translation></message><message><source>无人接听或联系不上时不能记为按规定接听</source><translation>A call nobody answered cannot be recorded as answered in time</translation></message><message><source>没有指定要确认的提醒</source><translation>No alert was named to acknowledge</translation></message><message><source>未知的值班层级「{0}」</source><translation>Unknown duty tier "{0}"</translation></message><message><source>{0:%m月%d日}的班次不需要{1}签到</source><translation>The {0:%d %b} shift needs no sign-in by the {1}</translation></message><message><source>{0:%m月%d日}班次的{1}已经签到（{2:%H:%M}）；下一班签到 {3:%m月%d日 %H:%M} 开始</source><translation>The {1} of the {0:%d %b} shift has already signed in ({2:%H:%M}); sign-in for the next shift opens {3:%d %b %H:%M}</translation></message><message><source>{0} 已签到{1}，一人只能签一个岗位</source><translation>{0} has signed in as {1}; one person signs for one seat only</translation></message><message><source>现在没有需要确认的在岗确认（{0}）</source><translation>There is no presence check to confirm now ({0})</translation></message><message><source>{0:%H:%M} 的在岗确认已于 {1:%H:%M} 确认</source><translation>The presence check of {0:%H:%M} was already confirmed at {1:%H:%M}</translation></message><message><source>今日没有排值班员，也没有人签到，请先接班签到</source><translation>No duty officer is rostered or signed in today; please sign in for the shift first</translation></message><message><source>未知的事项「{0}」</source><translation>Unknown item "{0}"</translation></message><message><source>通讯录中已有在岗人员「{0}」</source><translation>There is already an active person "{0}" in Contacts</translation></message><message><source>数据库拒绝了这次操作，没有保存任何内容（详情已写入日志文件）</source><translation>The database refused this; nothing was saved (details are in the log file)</translation></message><message><source>数据库中有一个无法读取的时间「{0}」，可能被直接改动过；请运行「数据 → 检查数据」（dutyroom check）找出所在的表和列并更正</source><translation>The database holds a time that cannot be read, "{0}", perhaps changed directly; run Data → Check data (dutyroom check) to find its table and column, and correct it</translation></message><message><source>数据库被另一个连接占用，等了 {0} 秒仍未放开，没有保存任何内容；请稍后再试，一直如此请联系服务器管理员</source><translation>Another connection holds the database and has not let go after {0} seconds; nothing was saved. Try again shortly, and if it goes on, call the server's administrator</translation></message><message><source>当前用户 {0}（{1}）无权{2}。请由有此权限的用户登录后再操作。</source><translation>The current user {0} ({1}) may not {2}. Please log in as a user who may.</translation></message><message><source>账户 {0} 已被停用，不能再做任何修改。请由在岗的用户登录。</source><translation>The account {0} has been deactivated and can change nothing more. Please log in as an active user.</translation></message><message><source>报送时间比现在早 {0} 分钟以上，是补录：请写明补录原因（将与报送时间、登记时间一并显示）</source><translation>The sent time is more than {0} minutes before now, a late entry: give the reason (shown with both the sent and the logged time)</translation></message><message><source>用户名或密码不正确</source><translation>Wrong user name or password</translation></message><message><source>这台工作站连接服务器所用的值班席位角色不能修改账户。请管理员用数据库所有者的连接管理账户（例如 dutyroom user add --db 所有者地址），见 README「多席位服务器」。</source><translation>The desk role this workstation connects with cannot change accounts. An administrator manages accounts over the database owner's connection (e.g. dutyroom user add --db OWNER_URL); see the README, 多席位服务器.</translation></message><message><source>关联的人员不存在或已停用</source><translation>The linked person does not exist or is inactive</translation></message><message><source>用户名「{0}」已被使用</source><translation>The user name "{0}" is taken</translation></message><message><source>已有用户，管理员须由现有管理员添加</source><translation>There are users already; an administrator must be added by an existing administrator</translation></message><message><source>命令行用户没有密码可改</source><translation>The command-line user has no password to change</translation></message><message><source>这是唯一的管理员，不能降级或停用；请先指定另一位管理员</source><translation>This is the only administrator and cannot be demoted or deactivated; please make someone else an administrator first</translation></message><message><source>原密码不正确</source><translation>The current password is wrong</translation></message><message><source>没有编号为 {0} 的用户</source><translation>There is no user numbered {0}</translation></message><message><source>{0}：{1} {2} {3}</source><translation>{0}: {1} {2} {3}</translation></message><message><source>{0} 不在该预警的叫应名单中</source><translation>{0} is not on this warning's call list</translation></message><message><source>没有编号为 {0} 的预警</source><translation>There is no warning numbered {0}</translation></message><message><source>请填写{0}</source><translation>Please fill in {0}</translation></message><message><source>联系时间比现在晚 5 分钟以上，请检查日期和时间</source><translation>The contact time is more than 5 minutes in the future; please check the date and time</translation></message><message><source>批量登记只用于短信、微信工作群或广播</source><translation>Marking a whole group is only for texts, WeChat groups or loudspeakers</translation></message><message><source>{0} 没有登记 AB角</source><translation>{0} has no backup on record</translation></message></context>
<context>
    <name>i18n</name>
    <message>
        <source>Dutyroom 值班室</source>
        <translation>Dutyroom</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>&lt;p style='color:{0}'&gt;选择左侧的事件查看详情、时限和处理经过。&lt;/p&gt;&lt;p style='color:{1}'&gt;新接报请按 Ctrl+N。&lt;/p&gt;</source>
        <translation>&lt;p style='color:{0}'&gt;Choose an incident on the left to see its details, deadlines and history.&lt;/p&gt;&lt;p style='color:{1}'&gt;Press Ctrl+N for a new incident.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style='color:{0}'&gt;选择左侧的登记查看详情。新来电请按 Ctrl+Shift+N。&lt;/p&gt;</source>
        <translation>&lt;p style='color:{0}'&gt;Choose an entry on the left to see its details. Press Ctrl+Shift+N for a new call.&lt;/p&gt;</translation>
    </message>
</context>
</TS>