<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AgendaView</name>
    <message>
        <location filename="../../cmplanner/ui/calendar/agenda_view.py" line="67"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar/agenda_view.py" line="114"/>
        <source>No posts in this period.
Press Ctrl+N to write one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentRow</name>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="137"/>
        <source>Alt text: describe it for people who cannot see it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="139"/>
        <source>Alt text for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="143"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="144"/>
        <source>Remove {name} from this post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="165"/>
        <source>{width} × {height} px</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BacklogView</name>
    <message>
        <location filename="../../cmplanner/ui/calendar/backlog_view.py" line="95"/>
        <source>No unscheduled ideas or drafts.
Drag a post here to unschedule it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrandForm</name>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="65"/>
        <source>The client&apos;s brand name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="76"/>
        <source>Colour as hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="87"/>
        <source>Voice and tone, audience, things to avoid…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="92"/>
        <source>Suggested on every post, e.g. #coffee #madrid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="96"/>
        <source>Comma-separated, e.g. launch, summer sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="102"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="103"/>
        <source>&amp;Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="104"/>
        <source>&amp;Time zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="105"/>
        <source>&amp;Brief:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="106"/>
        <source>&amp;Hashtags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="107"/>
        <source>Ca&amp;mpaigns/tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="141"/>
        <source>Type a city, e.g. Madrid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="155"/>
        <source>New brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="158"/>
        <source>Edit brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="222"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="229"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrandListModel</name>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="78"/>
        <source>{name} (archived)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="83"/>
        <source>{name} — {zone}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrandsDialog</name>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="120"/>
        <source>Manage brands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="131"/>
        <source>Brands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="133"/>
        <source>Show &amp;archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="135"/>
        <source>&amp;New brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="139"/>
        <source>&amp;Brands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="149"/>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="152"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="272"/>
        <source>Un&amp;archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="272"/>
        <source>A&amp;rchive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="303"/>
        <source>Saved “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="313"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="314"/>
        <source>This brand has changes that are not saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="315"/>
        <source>Save them before you go on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="368"/>
        <source>Archived “{name}”. Tick “Show archived” to see it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="376"/>
        <source>Archived “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="378"/>
        <source>“{name}” is active again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="113"/>
        <source>Previous (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="116"/>
        <source>Next (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="117"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="132"/>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="133"/>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="134"/>
        <source>Agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="144"/>
        <source>Each brand&apos;s own zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="146"/>
        <source>This computer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="149"/>
        <source>Show times in each brand&apos;s zone or in this computer&apos;s zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="151"/>
        <source>Times:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="331"/>
        <source>Times are shown in each brand&apos;s own time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="333"/>
        <source>Times are shown in this computer&apos;s zone, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/calendar_page.py" line="335"/>
        <source>%n post(s) in view.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="337"/>
        <source>Backlog (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckMenuButton</name>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="46"/>
        <source>Show all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="73"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColorSwatchButton</name>
    <message>
        <location filename="../../cmplanner/ui/color_swatch.py" line="49"/>
        <source>Choose the brand colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/color_swatch.py" line="50"/>
        <location filename="../../cmplanner/ui/color_swatch.py" line="76"/>
        <source>Brand colour</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComposerDialog</name>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="102"/>
        <source>New post</source>
        <extracomment>However fast the user types, a change reaches the journal within this long.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="114"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="115"/>
        <location filename="../../cmplanner/ui/composer.py" line="288"/>
        <source>Save as draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="116"/>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="119"/>
        <source>Keep it in the planner without publishing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="169"/>
        <source>The brand of this edit no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="170"/>
        <source>Pick another brand before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="177"/>
        <source>There is no brand to post for yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="178"/>
        <source>Create a brand first; your text is kept in the journal meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="189"/>
        <source>Edit post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="202"/>
        <source>Restored edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="209"/>
        <source>The post this edit belonged to has been deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="210"/>
        <source>Saving will create a new post with this text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="287"/>
        <source>Save as idea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="289"/>
        <source>Save as ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="298"/>
        <source>Cannot be scheduled until this is fixed: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="302"/>
        <source>Publish it at this date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="304"/>
        <source>Pick a date and time first (untick “No date”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="307"/>
        <source>Cannot be ready until this is fixed: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="347"/>
        <source>Your changes could not be autosaved ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="348"/>
        <source>Save the post as soon as you can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="357"/>
        <source>Pick a brand first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="413"/>
        <source>Discard changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="414"/>
        <source>Discard the changes to this post? They cannot be brought back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="85"/>
        <source>Brands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="86"/>
        <source>Networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="87"/>
        <source>States</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="88"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="90"/>
        <source>Search text and notes…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="96"/>
        <source>cmplanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="107"/>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="134"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="136"/>
        <source>&amp;New post…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="138"/>
        <source>Manage &amp;brands…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="140"/>
        <source>Load &amp;sample workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="143"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="145"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="147"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="149"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="154"/>
        <source>Cu&amp;t post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="156"/>
        <source>&amp;Paste post on selected day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="158"/>
        <source>&amp;Move to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="160"/>
        <source>&amp;Unschedule (to backlog)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="162"/>
        <source>&amp;Edit post…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="164"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="166"/>
        <source>&amp;Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="169"/>
        <source>&amp;Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="172"/>
        <source>&amp;Agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="175"/>
        <source>&amp;Previous period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="176"/>
        <source>&amp;Next period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="177"/>
        <source>&amp;Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="179"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="180"/>
        <source>&amp;About cmplanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="211"/>
        <source>(Ctrl+Z to undo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/main_window.py" line="222"/>
        <source>%n post(s) cut: select a day (arrow keys) and press Ctrl+V.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="233"/>
        <source>Cut a post first (Ctrl+X), then pick a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="245"/>
        <source>Select a post to move first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="293"/>
        <source>Create a brand first (File ▸ Manage brands), or load the sample workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/main_window.py" line="337"/>
        <source>Sample workspace loaded: %n post(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="357"/>
        <source>About cmplanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="358"/>
        <source>cmplanner %1 — a content planner for freelance community managers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="209"/>
        <source>Add media…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="212"/>
        <source>or drop image and video files anywhere on this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="314"/>
        <source>Add media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="316"/>
        <source>Images and videos ({patterns});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../cmplanner/ui/composer_fields.py" line="47"/>
        <source>Hide this message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/calendar/month_view.py" line="189"/>
        <source>+%n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="69"/>
        <source>Move to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="82"/>
        <source>New date and time (%1):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanningController</name>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/planning_controller.py" line="77"/>
        <source>Copy %n post(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/planning_controller.py" line="81"/>
        <source>Move %n post(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/planning_controller.py" line="98"/>
        <source>Unschedule %n post(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PostForm</name>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="53"/>
        <location filename="../../cmplanner/ui/composer_form.py" line="95"/>
        <source>Brand</source>
        <extracomment>The states a user picks by hand; the publishing states are the publisher&apos;s business.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="55"/>
        <location filename="../../cmplanner/ui/composer_form.py" line="106"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="57"/>
        <source>Idea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="58"/>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="59"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="68"/>
        <source>What do you want to say?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="69"/>
        <source>Post text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="73"/>
        <location filename="../../cmplanner/ui/composer_form.py" line="74"/>
        <source>Content warning (Mastodon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="78"/>
        <source>Insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="80"/>
        <source>Insert one of the brand&apos;s hashtag groups or templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="88"/>
        <source>launch, spring campaign, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="90"/>
        <source>Internal notes: only you see them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="95"/>
        <source>Media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="95"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="95"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="96"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="97"/>
        <source>Post to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="206"/>
        <source>No brand yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="213"/>
        <source>Time zone: {zone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="215"/>
        <source>Brief: {brief}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostListModel</name>
    <message>
        <location filename="../../cmplanner/ui/calendar/model.py" line="135"/>
        <source>not scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar/model.py" line="139"/>
        <source>no accounts yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar/model.py" line="144"/>
        <source>A network would refuse this post: open it to see why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar/model.py" line="149"/>
        <source>Some networks will show this post differently: open it to see.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="135"/>
        <source>Restore interrupted edits?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="138"/>
        <source>cmplanner closed while these posts were being edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="140"/>
        <source>Restore them to carry on where you left off, or discard them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="150"/>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="151"/>
        <source>Decide later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="152"/>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="157"/>
        <source>Keep them; cmplanner asks again next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="217"/>
        <source>Discard this interrupted edit? Its text cannot be brought back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="219"/>
        <source>Discard these {count} interrupted edits? They cannot be brought back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="223"/>
        <source>Discard interrupted edits?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SchedulePicker</name>
    <message>
        <location filename="../../cmplanner/ui/composer_fields.py" line="183"/>
        <source>No date (backlog)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_fields.py" line="238"/>
        <source>this time does not exist (clocks jump forward)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="48"/>
        <source>&lt;b&gt;Welcome to cmplanner.&lt;/b&gt; This workspace is empty. Load a sample with three client brands and a month of posts to look around, or create your first brand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="54"/>
        <source>Load sample workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="55"/>
        <source>Create a brand…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../cmplanner/ui/errors.py" line="15"/>
        <source>cmplanner</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
