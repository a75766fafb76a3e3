<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Strings of Qt's own dialogs that Qt's Chinese catalogue (qtbase_zh_CN.qm) lacks: Qt 6
     renamed them (added a shortcut letter), so its file dialog said "Look in:" in the
     Chinese window. Loaded after qtbase by dutyroom/ui/i18n.py; compiled with
     packaging/translations.py; tests/ui/test_translations.py walks the file dialog. -->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
</context>
</TS>
