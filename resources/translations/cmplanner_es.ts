<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name></name>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="495"/>
        <source>No answer came from the browser in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="495"/>
        <source>Start the sign-in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="496"/>
        <source>Sign-in cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="496"/>
        <source>Nothing was saved. Start it again when you like.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="499"/>
        <source>This server address cannot be used: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="500"/>
        <source>Use an https:// address (plain http:// only for 127.0.0.1 / localhost).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="504"/>
        <source>The sign-in failed: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="505"/>
        <source>Try again, and allow cmplanner on the page that opens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="509"/>
        <source>The server refused the sign-in: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="510"/>
        <source>Check the server address, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="514"/>
        <source>The server could not be reached: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="515"/>
        <source>Check the connection and the server address, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="37"/>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="41"/>
        <source>Token expires in less than a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="43"/>
        <source>Token expires in 1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="44"/>
        <source>Token expires in {n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="46"/>
        <source>Token expired — reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="49"/>
        <source>Needs reconnecting: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="50"/>
        <source>Needs reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="53"/>
        <source>Rate-limited until {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="55"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="57"/>
        <source>Removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="204"/>
        <location filename="../../cmplanner/ui/publish_texts.py" line="67"/>
        <source>Offline — will publish when online</source>
        <extracomment>A gap this much longer than the worker&apos;s interval between two rounds means the laptop slept: notices the user hid come back.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="228"/>
        <source>“%1” on %2: cmplanner cannot tell whether it went out (%3). Check the account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="231"/>
        <source>it stopped in the middle of sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="233"/>
        <source>Check…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="234"/>
        <source>cmplanner: check a post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="237"/>
        <source>“%1” was not published on %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="240"/>
        <location filename="../../cmplanner/ui/publish_desk.py" line="261"/>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="242"/>
        <location filename="../../cmplanner/ui/publish_desk.py" line="360"/>
        <location filename="../../cmplanner/ui/publish_desk.py" line="426"/>
        <source>Open post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="242"/>
        <location filename="../../cmplanner/ui/publish_results.py" line="72"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="243"/>
        <source>cmplanner: a post was not published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="258"/>
        <source>Your reply to @%1 from %2 was not sent: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="263"/>
        <source>Publish log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="264"/>
        <source>cmplanner: a reply was not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="322"/>
        <source>Offline — 1 post will publish when online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="324"/>
        <source>Offline — %1 posts will publish when online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="327"/>
        <source>cmplanner cannot reach the networks&apos; servers; it tries again every minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="347"/>
        <source>“%1” (%2) was due %3, %4 ago, while cmplanner was closed, asleep or offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="358"/>
        <source>Publish now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="359"/>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="379"/>
        <source>%1 is rate-limited until %2: its posts wait and go out then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="384"/>
        <source>Accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="393"/>
        <source>%1 needs reconnecting; its posts wait until you reconnect it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="397"/>
        <source>%1 needs reconnecting; its posts wait meanwhile. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="399"/>
        <source>Reconnect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="406"/>
        <source>post %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_desk.py" line="443"/>
        <source>cmplanner — publishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_log.py" line="132"/>
        <source>Reply from %1</source>
        <extracomment>Attempts read into the log (newest first).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_log.py" line="175"/>
        <source>Publish log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_log.py" line="182"/>
        <source>All results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_log.py" line="188"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_log.py" line="202"/>
        <source>Nothing was sent yet. Each try to publish a post is listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_log.py" line="207"/>
        <source>Result:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_log.py" line="210"/>
        <source>Brand:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_log.py" line="220"/>
        <source>Times are this computer&apos;s (%1). Double-click a row to open its post.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_log.py" line="261"/>
        <source>All brands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_log.py" line="269"/>
        <source>%1 of %2 attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="70"/>
        <source>Open it in the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="104"/>
        <source>Look at the account, then:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="106"/>
        <source>Its address, if you found it (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="107"/>
        <source>Address of the published post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="108"/>
        <source>It was published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="109"/>
        <source>It was not published — send it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="128"/>
        <source>Publishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="132"/>
        <source>Send to the network&apos;s scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="136"/>
        <source>Mastodon and Facebook can hold the post and publish it themselves at its time, even with this computer closed. Moving or editing it here updates their copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="218"/>
        <source>Sending it again now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="222"/>
        <source>Marked as published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="225"/>
        <source>Sending it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="250"/>
        <source>Sending it to the network&apos;s scheduler…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="267"/>
        <source>Handed off to %1: it goes out at its time, laptop open or not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="268"/>
        <source>no network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_results.py" line="271"/>
        <source>The others stay with cmplanner (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="44"/>
        <source>%n min</source>
        <extracomment>Networks with a server-side scheduler cmplanner can hand a post to.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="48"/>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="49"/>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="50"/>
        <source>%n day(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="69"/>
        <source>Waiting for its time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="71"/>
        <source>Publishing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="73"/>
        <location filename="../../cmplanner/ui/publish_texts.py" line="116"/>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="76"/>
        <source>Will try again at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="77"/>
        <source>Will try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="79"/>
        <location filename="../../cmplanner/ui/publish_texts.py" line="125"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="81"/>
        <source>Waiting: the account needs reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="83"/>
        <location filename="../../cmplanner/ui/publish_texts.py" line="120"/>
        <source>Unknown — check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="85"/>
        <source>Handed off to %1&apos;s scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="86"/>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="115"/>
        <source>Sending</source>
        <extracomment>The publish log&apos;s result filter: label → the attempt results it shows.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="117"/>
        <source>Already there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="118"/>
        <source>Found after a crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="119"/>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="121"/>
        <source>Network trouble (retried)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="122"/>
        <source>Rate-limited (waits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="123"/>
        <source>Login refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="124"/>
        <source>Refused by the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="126"/>
        <source>Handing off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="127"/>
        <source>Handed off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/publish_texts.py" line="128"/>
        <source>Server copy cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountDetails</name>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="106"/>
        <location filename="../../cmplanner/ui/account_details.py" line="197"/>
        <source>&amp;Reconnect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="112"/>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="114"/>
        <source>Re&amp;move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="128"/>
        <source>https://media.example.com/cmplanner/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="129"/>
        <source>&amp;Save address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="133"/>
        <source>&lt;b&gt;Media base URL&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="144"/>
        <source>Select an account to see its health, test it or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="197"/>
        <source>&amp;Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_details.py" line="212"/>
        <source>Testing the connection…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountTreeModel</name>
    <message>
        <location filename="../../cmplanner/ui/accounts_model.py" line="321"/>
        <source>Account</source>
        <extracomment>Health level → colour of its dot and text.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_model.py" line="321"/>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_model.py" line="384"/>
        <source>No account yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_model.py" line="386"/>
        <source>1 account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_model.py" line="387"/>
        <source>{n} accounts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="66"/>
        <location filename="../../cmplanner/ui/accounts_view.py" line="89"/>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="103"/>
        <source>&amp;Connect an account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="159"/>
        <source>No account is connected yet: use “Connect an account…” below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="162"/>
        <source>Create a brand first (File ▸ Manage brands), then connect its accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="167"/>
        <source>Select an account to see its health, test it or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="215"/>
        <source>Remove account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="217"/>
        <source>Remove {name} ({network}) from cmplanner?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="223"/>
        <source>Its password or token is deleted from the password store. Posts already published keep their history; scheduled posts to it will not go out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="229"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="269"/>
        <source>Connected as {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="276"/>
        <source>The connection works: signed in as {name} (@{handle}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/accounts_view.py" line="318"/>
        <source>Media base URL saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>ApprovalPanel</name>
    <message>
        <location filename="../../cmplanner/ui/approval_panel.py" line="46"/>
        <source>Not sent for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approval_panel.py" line="53"/>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approval_panel.py" line="54"/>
        <source>asked for changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approval_panel.py" line="55"/>
        <source>commented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approval_panel.py" line="67"/>
        <source>No comment yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentRow</name>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="170"/>
        <source>Alt text: describe it for people who cannot see it</source>
        <extracomment>A network whose rules suggest a fit for an image, and that suggestion.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="172"/>
        <source>Alt text for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="176"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="177"/>
        <source>Remove {name} from this post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="203"/>
        <source>{width} × {height} px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="222"/>
        <source>Fit for {network}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="230"/>
        <source>{network} would refuse, crop or shrink this image as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="233"/>
        <source>Make a {width} × {height} copy to use instead:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="237"/>
        <source>The original file stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BacklogView</name>
    <message>
        <location filename="../../cmplanner/ui/calendar/backlog_view.py" line="99"/>
        <source>No unscheduled ideas or drafts.
Drag a post here to unschedule it.</source>
        <extracomment>True until the backlog is first read: the view then says nothing (not &quot;empty&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupListModel</name>
    <message>
        <location filename="../../cmplanner/ui/backup_dialog.py" line="61"/>
        <source>daily copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/backup_dialog.py" line="61"/>
        <source>copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BlueskyPage</name>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="98"/>
        <source>alice.bsky.social</source>
        <extracomment>X wants the exact callback address registered in the app: a fixed loopback port.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="101"/>
        <source>https://bsky.social (or your own PDS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="103"/>
        <source>xxxx-xxxx-xxxx-xxxx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="104"/>
        <source>&amp;Handle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="105"/>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="106"/>
        <source>&amp;App password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="110"/>
        <source>Use an &lt;b&gt;app password&lt;/b&gt;, not your main password: create one in Bluesky under Settings ▸ Privacy and security ▸ &lt;a href=&quot;https://bsky.app/settings/app-passwords&quot;&gt;App passwords&lt;/a&gt;. You can revoke it there at any time. Leave the server empty for bsky.social; give your PDS address if you host your own.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrandForm</name>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="71"/>
        <source>The client&apos;s brand name</source>
        <extracomment>The version of the brand this edit started from (None: a new brand).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="82"/>
        <source>Colour as hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="93"/>
        <source>Voice and tone, audience, things to avoid…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="98"/>
        <source>Suggested on every post, e.g. #coffee #madrid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="102"/>
        <source>Comma-separated, e.g. launch, summer sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="110"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="111"/>
        <source>&amp;Colour:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="112"/>
        <source>&amp;Time zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="113"/>
        <source>&amp;Brief:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="114"/>
        <source>&amp;Hashtags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="115"/>
        <source>Ca&amp;mpaigns/tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="116"/>
        <source>Missed &amp;slot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="150"/>
        <source>Type a city, e.g. Madrid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="164"/>
        <source>New brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="167"/>
        <source>Edit brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="237"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brand_form.py" line="244"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrandListModel</name>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="79"/>
        <source>{name} (archived)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="84"/>
        <source>{name} — {zone}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrandsDialog</name>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="123"/>
        <source>Manage brands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="134"/>
        <source>Brands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="136"/>
        <source>Show &amp;archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="138"/>
        <source>&amp;New brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="142"/>
        <source>&amp;Brands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="152"/>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="155"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="158"/>
        <source>Posting &amp;slots…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="281"/>
        <source>Un&amp;archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="281"/>
        <source>A&amp;rchive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="322"/>
        <source>Saved “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="333"/>
        <source>Keep theirs (reload)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="334"/>
        <source>Overwrite with mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="336"/>
        <source>This brand was changed elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="353"/>
        <source>Showing the version saved elsewhere; your changes were dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="365"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="366"/>
        <source>This brand has changes that are not saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="367"/>
        <source>Save them before you go on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="431"/>
        <source>Archived “{name}”. Tick “Show archived” to see it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="439"/>
        <source>Archived “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/brands_dialog.py" line="441"/>
        <source>“{name}” is active again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="155"/>
        <source>Previous (Alt+Left)</source>
        <extracomment>Chips read per day of a month grid before it has a size (then: as many as a day shows).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="158"/>
        <source>Next (Alt+Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="159"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="173"/>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="174"/>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="175"/>
        <source>Agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="185"/>
        <source>Each brand&apos;s own zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="187"/>
        <source>This computer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="190"/>
        <source>Show times in each brand&apos;s zone or in this computer&apos;s zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="192"/>
        <source>Times:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="217"/>
        <source>Backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="221"/>
        <source>Add to queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="223"/>
        <source>Put the selected ready posts in their brand&apos;s next free slots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="417"/>
        <source>free slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="539"/>
        <source>Times are shown in each brand&apos;s own time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="541"/>
        <source>Times are shown in this computer&apos;s zone, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/calendar_page.py" line="543"/>
        <source>%n post(s) in view.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar_page.py" line="546"/>
        <source>Backlog (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="153"/>
        <source>Export ▾</source>
        <extracomment>matplotlib&apos;s Qt canvas has no type hints. Renders done (the tests and the bench count them). Labels rendered once, blended at every draw after (see ``chart_text``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="156"/>
        <source>Save as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="158"/>
        <source>Save as SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="229"/>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="26"/>
        <source>Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="27"/>
        <source>engagement per post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="28"/>
        <source>per 100 followers (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="29"/>
        <source>hour (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="30"/>
        <source>no post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="31"/>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="32"/>
        <source>high engagement a post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="33"/>
        <source>%1: %2 %3</source>
        <comment>hover: network, value, unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="36"/>
        <source>Total: %1 %2</source>
        <comment>hover: value, unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="37"/>
        <source>Goal: %1 a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="38"/>
        <source>Per post: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="39"/>
        <source>No post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="40"/>
        <source>Per 100 followers: %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="41"/>
        <source>%1: %2 followers</source>
        <comment>hover: account, count</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="44"/>
        <source>%1 %2:00 — no post</source>
        <comment>hover: weekday, hour</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="47"/>
        <source>%1 %2:00 — %3 engagement a post (%4 posts)</source>
        <comment>hover: weekday, hour, mean, number of posts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="52"/>
        <source>%1 %2 %3 %4</source>
        <comment>a day: weekday, day, month, year</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="55"/>
        <source>week of %1 %2 %3</source>
        <comment>day, month, year</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="56"/>
        <source>%1 %2</source>
        <comment>a date axis&apos; day: day, month</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="57"/>
        <source>Best times need at least %1 published posts with counts; this range has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="61"/>
        <source>Try the last 90 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="62"/>
        <source>Publish more, or import an analytics export (cmplanner import-analytics FILE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="67"/>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="68"/>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="69"/>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="70"/>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="71"/>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="72"/>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="73"/>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="76"/>
        <source>Jan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="77"/>
        <source>Feb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="78"/>
        <source>Mar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="79"/>
        <source>Apr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="80"/>
        <source>May</source>
        <comment>short month</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="81"/>
        <source>Jun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="82"/>
        <source>Jul</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="83"/>
        <source>Aug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="84"/>
        <source>Sep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="85"/>
        <source>Oct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="86"/>
        <source>Nov</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="87"/>
        <source>Dec</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartsBody</name>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="327"/>
        <source>Engagement over time</source>
        <extracomment>What the charts print (translated by the tab: ``ui.charts_texts.chart_texts``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="328"/>
        <source>Engagement rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="329"/>
        <source>Follower growth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="330"/>
        <source>Posts per week vs goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="331"/>
        <source>Best time to post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="356"/>
        <source>&lt;b&gt;Top posts&lt;/b&gt; (click to open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="382"/>
        <source>each brand&apos;s zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="384"/>
        <source>No published posts with counts in this range. Try a longer range, import an analytics export (cmplanner import-analytics FILE), or load the sample workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="390"/>
        <source>engagement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="398"/>
        <source>No follower counts in this range yet: the metrics sync records one a day for each connected account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="406"/>
        <source>No post published in this range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="407"/>
        <source> Set a weekly goal with Goals… above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="411"/>
        <source>posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/charts_canvas.py" line="434"/>
        <source>%n post(s) published in this range, but no counts yet. Press Sync now to fetch likes, reposts and replies (connected accounts), or import an analytics export (cmplanner import-analytics FILE).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="441"/>
        <source>No published post in this range, so no top posts yet. Try a longer range or other filters; posts you publish from the calendar are listed here with their likes, reposts and replies once the metrics sync has counted them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartsTab</name>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="105"/>
        <source>Brands</source>
        <extracomment>Set when the running load is superseded (the worker stops after its query).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="106"/>
        <source>Networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="107"/>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="108"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="117"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="118"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="119"/>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="120"/>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="121"/>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="134"/>
        <source>Goals…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="135"/>
        <source>Posts per week you aim for, per network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="137"/>
        <source>Client report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="149"/>
        <source>Reading the metrics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="162"/>
        <source>Loading charts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="316"/>
        <source>The charts could not be read: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="321"/>
        <source>The charts could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/charts_tab.py" line="335"/>
        <source>%n post(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/charts_tab.py" line="337"/>
        <source>(%n publication(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="340"/>
        <source>%1 engagement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="343"/>
        <source>%1 a post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_tab.py" line="346"/>
        <source>%1 followers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckMenuButton</name>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="59"/>
        <source>Show all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="88"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClientReport</name>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="93"/>
        <source>%n post(s) planned for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="100"/>
        <source>Social media report · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="101"/>
        <source>%1 — social media report %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="102"/>
        <source>Social media report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="103"/>
        <source>Prepared %1 with cmplanner · times in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="106"/>
        <source>The month in figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="107"/>
        <source>Posts published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="108"/>
        <source>Engagement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="109"/>
        <source>Engagement per post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="110"/>
        <source>Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="111"/>
        <source>Followers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="112"/>
        <source>New followers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="113"/>
        <source>no comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="114"/>
        <source>new this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="115"/>
        <source>same as last month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="116"/>
        <source>%1% vs last month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="117"/>
        <source>Engagement per day, by network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="120"/>
        <source>engagement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="121"/>
        <source>posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="122"/>
        <source>No published post with counts this month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="125"/>
        <source>No post published this month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="126"/>
        <source>Posts per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="127"/>
        <source>(goal: %1 a week)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="128"/>
        <source>Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="129"/>
        <source>Audience and best posts · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="130"/>
        <source>No follower counts this month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="131"/>
        <source>Best time to post (last 90 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="132"/>
        <source>hour (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="133"/>
        <source>no post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="134"/>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="135"/>
        <source>high engagement a post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="136"/>
        <source>Best times need at least %1 published posts with counts; the last 90 days have %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="140"/>
        <source>Top posts of the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="141"/>
        <source>%1 engagement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="142"/>
        <source>%1 likes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="143"/>
        <source>%1 reposts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="144"/>
        <source>%1 replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="145"/>
        <source>%1 views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="146"/>
        <source>Planned for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="147"/>
        <source>+%1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="148"/>
        <source>Nothing is scheduled for next month yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="154"/>
        <source>January</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="155"/>
        <source>February</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="156"/>
        <source>March</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="157"/>
        <source>April</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="158"/>
        <source>May</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="159"/>
        <source>June</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="160"/>
        <source>July</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="161"/>
        <source>August</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="162"/>
        <source>September</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="163"/>
        <source>October</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="164"/>
        <source>November</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_texts.py" line="165"/>
        <source>December</source>
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
    <name>ComposerConflicts</name>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="64"/>
        <source>This post was deleted elsewhere (another person or window).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="65"/>
        <source>Your text is kept; saving will ask whether to keep it as a new draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="72"/>
        <source>This post was changed elsewhere (another person or window) since you opened it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="75"/>
        <source>Keep writing: saving will show both versions so you can choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="100"/>
        <source>This post was deleted elsewhere (another person or window) while you were editing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="102"/>
        <source>Keep your text as a new draft, or drop your edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="115"/>
        <source>Keep theirs (reload)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="116"/>
        <source>Overwrite with mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="117"/>
        <source>Copy mine to a new draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="121"/>
        <source>Keep mine as a new draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="122"/>
        <source>Drop my edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="128"/>
        <source>This post was changed elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_conflict.py" line="151"/>
        <source>Showing the version saved elsewhere; your changes were dropped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComposerDialog</name>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="124"/>
        <source>New post</source>
        <extracomment>However fast the user types, a change reaches the journal within this long. What the buttons and their tooltips were last set from (``_refresh_buttons``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="138"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="139"/>
        <location filename="../../cmplanner/ui/composer.py" line="355"/>
        <source>Save as draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="140"/>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="143"/>
        <source>Keep it in the planner without publishing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="193"/>
        <source>The brand of this edit no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="194"/>
        <source>Pick another brand before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="201"/>
        <source>There is no brand to post for yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="202"/>
        <source>Create a brand first; your text is kept in the journal meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="213"/>
        <source>Edit post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="229"/>
        <source>Restored edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="236"/>
        <source>The post this edit belonged to has been deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="237"/>
        <source>Saving will create a new post with this text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="354"/>
        <source>Save as idea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="356"/>
        <source>Save as ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="336"/>
        <source>Cannot be scheduled until this is fixed: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="340"/>
        <source>Publish it at this date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="342"/>
        <source>Pick a date and time first (untick “No date”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="346"/>
        <source>Cannot be ready until this is fixed: {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="399"/>
        <source>Your changes could not be autosaved ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="400"/>
        <source>Save the post as soon as you can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="409"/>
        <source>Pick a brand first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="507"/>
        <source>Discard changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer.py" line="508"/>
        <source>Discard the changes to this post? They cannot be brought back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../cmplanner/ui/conflict_dialog.py" line="154"/>
        <source>Changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/conflict_dialog.py" line="204"/>
        <source>Theirs — saved now (version {n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/conflict_dialog.py" line="206"/>
        <source>Theirs — saved now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/conflict_dialog.py" line="208"/>
        <source>Yours — not saved (edited from version {n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/conflict_dialog.py" line="212"/>
        <source>Yours — not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/conflict_dialog.py" line="223"/>
        <source>{label} (differs):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/conflict_dialog.py" line="266"/>
        <source>Back to editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="98"/>
        <source>Reconnect {name}</source>
        <extracomment>How long the browser sign-in waits for the user before giving up. Where X&apos;s sign-in pages are (tests point them at a local server). X&apos;s API (``&quot;&quot;``: api.x.com) and the loopback port its app has as callback.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="101"/>
        <source>Connect an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="120"/>
        <source>&amp;Brand:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="121"/>
        <source>&amp;Network:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="139"/>
        <source>Cancel sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="158"/>
        <source>&amp;Reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="158"/>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="230"/>
        <source>Checking with {network}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="280"/>
        <source>There is no brand to connect an account to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="281"/>
        <source>Create a brand first (File ▸ Manage brands).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="321"/>
        <source>The browser sign-in to X needs your app&apos;s Client ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="323"/>
        <source>Copy it from your app&apos;s “Keys and tokens” page in the X developer portal, or use your OAuth 1.0a keys instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="330"/>
        <source>A Mastodon account needs the address of its server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="331"/>
        <source>Type it, e.g. https://mastodon.social.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="338"/>
        <source>Signed in. You can close this tab and go back to cmplanner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="342"/>
        <source>The sign-in did not complete: {reason}. Go back to cmplanner and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="349"/>
        <source>cmplanner cannot wait for the browser on this computer: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="352"/>
        <source>Close other programs signing in, or paste a token instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="361"/>
        <source>Preparing the sign-in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_connect.py" line="430"/>
        <source>Allow cmplanner in the browser window that opened; this dialog goes on by itself. No browser? Open &lt;a href=&quot;{url}&quot;&gt;the sign-in page&lt;/a&gt; yourself.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrisisAlerts</name>
    <message>
        <location filename="../../cmplanner/ui/inbox_alerts.py" line="57"/>
        <source>Open inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_alerts.py" line="59"/>
        <source>Pause publishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_alerts.py" line="66"/>
        <source>cmplanner: possible crisis</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPackDialog</name>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="83"/>
        <source>Export approval pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="95"/>
        <source>Save the approval pack as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="96"/>
        <source>Also write a PDF to print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="99"/>
        <source>Brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="100"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="101"/>
        <source>To (included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="103"/>
        <source>Save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="110"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="117"/>
        <source>The client opens the pack in any browser, offline and without an account, approves or asks for changes post by post, and sends back the file its “Save my decisions” button saves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="148"/>
        <source>Days and times in %1 (the brand&apos;s time zone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="166"/>
        <source>Create a brand first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="180"/>
        <source>Written: %1 (%n post(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="182"/>
        <source>PDF: %1 (%n page(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="100"/>
        <source>Brands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="101"/>
        <source>Networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="102"/>
        <source>States</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="103"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/filter_bar.py" line="105"/>
        <source>Search text and notes…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalsDialog</name>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="48"/>
        <source>Weekly goals — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="57"/>
        <source>no goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="58"/>
        <source> a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="63"/>
        <source>This brand has no accounts yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="70"/>
        <source>How many posts a week do you aim for?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDecisionsDialog</name>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="194"/>
        <source>Import client decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="196"/>
        <source>The client&apos;s decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="197"/>
        <source>Decisions or approval pack (*.json *.html *.htm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="202"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="210"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="238"/>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="239"/>
        <source>approved, now ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="240"/>
        <source>approved, not ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="241"/>
        <source>changes requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="242"/>
        <source>commented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="243"/>
        <source>no decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="244"/>
        <source>changed since the pack: not approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="245"/>
        <source>already imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="246"/>
        <source>not found</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="120"/>
        <source>Import posts from CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="125"/>
        <source>Pick a CSV file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="126"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="134"/>
        <source>cmplanner (brand, datetime, text…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="135"/>
        <source>Hootsuite bulk (Date, Message, Link)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="137"/>
        <source>Buffer bulk (Text, Image URL, Tags, Posting Time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="140"/>
        <source>— as each row says —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="143"/>
        <source>Dates are month first (MM/DD/YYYY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="144"/>
        <source>The first row holds the column names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="147"/>
        <source>Layout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="148"/>
        <source>Brand for rows without one:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="162"/>
        <source>&lt;b&gt;Which column is which&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="178"/>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="243"/>
        <source>— not in the file —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="264"/>
        <source>All %1 rows are fine: %2 scheduled, %3 without a date. Nothing is imported until you press Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/import_dialog.py" line="280"/>
        <source>%n problem(s); nothing will be imported until they are fixed:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="291"/>
        <source>Import posts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="291"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Inbox</name>
    <message>
        <location filename="../../cmplanner/ui/inbox_texts.py" line="43"/>
        <source>Possible crisis for %1: %2 negative messages in the last hour (usually %3 an hour).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboxTab</name>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="89"/>
        <source>All networks</source>
        <extracomment>The background sync: first a minute after the window opens, then every 10 minutes.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="93"/>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="96"/>
        <source>Unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="97"/>
        <source>Needs reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="98"/>
        <source>Flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="99"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="100"/>
        <source>Searches and keywords…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="119"/>
        <source>Use holding statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="141"/>
        <source>Note about this person (who they are, past complaints)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="148"/>
        <source>Your reply (r)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="158"/>
        <source>Send reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="159"/>
        <source>Like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="160"/>
        <source>Boost / repost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="161"/>
        <source>Done (e)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="164"/>
        <source>Tone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="230"/>
        <source>All brands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="260"/>
        <source>%1 unread · %2 to answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="307"/>
        <source>Select a message (j/k to move).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="321"/>
        <source>Why: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="326"/>
        <source>Insert a saved reply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="328"/>
        <source>Holding: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="346"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="372"/>
        <source>Sending the reply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="382"/>
        <source>Reply sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="499"/>
        <source>Reading the networks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="518"/>
        <source>Cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="523"/>
        <source>%1 new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="541"/>
        <source>Publishing for %1 is paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="544"/>
        <source>Resume publishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_tab.py" line="544"/>
        <source>Pause publishing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboxWatchDialog</name>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="47"/>
        <source>Searches and keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="57"/>
        <source>Saved searches (run with every sync)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="63"/>
        <source>Brand or product name, #hashtag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="65"/>
        <source>Every network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="68"/>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="91"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="69"/>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="92"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="76"/>
        <source>Keywords (tone and urgency of the brand&apos;s messages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="82"/>
        <source>refund, never arrived, product name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="85"/>
        <source>negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="86"/>
        <source>neutral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="87"/>
        <source>positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="90"/>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="140"/>
        <source>urgent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/inbox_watch_dialog.py" line="135"/>
        <source>every network</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsertMenu</name>
    <message>
        <location filename="../../cmplanner/ui/composer_insert.py" line="87"/>
        <source>Hashtag groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_insert.py" line="93"/>
        <source>No hashtag groups for this brand yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_insert.py" line="97"/>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_insert.py" line="104"/>
        <source>No templates for this brand yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_insert.py" line="107"/>
        <source>Manage hashtag groups and templates…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyringBanner</name>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="272"/>
        <source>Check &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="274"/>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="337"/>
        <source>Keep secrets in an &amp;encrypted file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="317"/>
        <source>&lt;b&gt;Your password store is locked.&lt;/b&gt; When cmplanner needs a secret, your desktop asks you to unlock it ({name}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="326"/>
        <source>&lt;b&gt;Your accounts&apos; secrets are in an encrypted file.&lt;/b&gt; Type its passphrase to use them: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="329"/>
        <source>&amp;Unlock the encrypted file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="332"/>
        <source>&lt;b&gt;cmplanner cannot save passwords or tokens on this computer.&lt;/b&gt; No password store is usable ({reason}). Nothing is saved anywhere else unless you choose it: set up GNOME Keyring or KWallet, then check again, or keep secrets in a file encrypted with a passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryDialog</name>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="122"/>
        <source>Hashtag groups and templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="130"/>
        <source>Hashtags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="130"/>
        <source>#coffee #madrid #breakfast — separated by spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="134"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="135"/>
        <source>New this week at {brand}: … {link}
Variables: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="139"/>
        <source>Hashtag groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="140"/>
        <source>Templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="146"/>
        <source>Brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="191"/>
        <location filename="../../cmplanner/ui/library_dialog.py" line="209"/>
        <source>Saved “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveChecks</name>
    <message>
        <location filename="../../cmplanner/ui/composer_live.py" line="111"/>
        <source>{count} {unit} of {limit}</source>
        <extracomment>A full refresh this fast runs right after the keystroke; slower ones wait for a pause. Per attached file, the chosen networks that want a fitted copy of it. The counters&apos; tooltip texts, translated once (they are filled on every keystroke).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_live.py" line="111"/>
        <source>({over} over)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_live.py" line="213"/>
        <source>{count} characters · tick accounts to see each network&apos;s count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_live.py" line="255"/>
        <source>{account}: longer than the {limit} {unit} it allows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="71"/>
        <source>cmplanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="85"/>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="92"/>
        <location filename="../../cmplanner/ui/main_window.py" line="158"/>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="93"/>
        <location filename="../../cmplanner/ui/main_window.py" line="175"/>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="227"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="229"/>
        <source>&amp;New post…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="231"/>
        <source>Manage &amp;brands…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="232"/>
        <source>&amp;Accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="234"/>
        <source>&amp;Hashtag groups and templates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="237"/>
        <source>Client &amp;report (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="240"/>
        <source>Export approval &amp;pack…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="243"/>
        <source>&amp;Import client decisions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="246"/>
        <source>Load &amp;sample workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="249"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="251"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="253"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="255"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="260"/>
        <source>Cu&amp;t post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="262"/>
        <source>&amp;Paste post on selected day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="264"/>
        <source>&amp;Move to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="266"/>
        <source>&amp;Unschedule (to backlog)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="268"/>
        <source>&amp;Edit post…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="270"/>
        <source>Add to &amp;queue (next free slot)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="273"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="275"/>
        <source>&amp;Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="278"/>
        <source>&amp;Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="281"/>
        <source>&amp;Agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="284"/>
        <source>&amp;Previous period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="285"/>
        <source>&amp;Next period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="286"/>
        <source>&amp;Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="289"/>
        <source>Publish &amp;log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="292"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="293"/>
        <source>&amp;About cmplanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="325"/>
        <source>(Ctrl+Z to undo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/main_window.py" line="336"/>
        <source>%n post(s) cut: select a day (arrow keys) and press Ctrl+V.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="347"/>
        <source>Cut a post first (Ctrl+X), then pick a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="359"/>
        <source>Select a post to move first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="383"/>
        <source>Select a ready post in the backlog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="426"/>
        <source>Create a brand first (File ▸ Manage brands), or load the sample workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/main_window.py" line="511"/>
        <source>Sample workspace loaded: %n post(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="540"/>
        <source>About cmplanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/main_window.py" line="537"/>
        <source>cmplanner %1 — a content planner for freelance community managers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MastodonPage</name>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="144"/>
        <source>https://mastodon.social</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="145"/>
        <source>Sign in with your &amp;browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="147"/>
        <source>&amp;Paste an access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="153"/>
        <source>Open the sign-in page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="157"/>
        <source>&amp;Instance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="161"/>
        <source>Access &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="165"/>
        <source>Signing in opens your instance&apos;s page in the browser; once you allow cmplanner there, the browser comes back to cmplanner by itself. Or make a token yourself on your instance: Preferences ▸ Development ▸ New application (scopes read and write), then paste “Your access token”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MediaPanel</name>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="290"/>
        <source>Add media…</source>
        <extracomment>Where fitted copies go; a private temporary folder made on first use if None.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="293"/>
        <source>or drop image and video files anywhere on this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="414"/>
        <location filename="../../cmplanner/ui/composer_media.py" line="423"/>
        <source>Could not make a copy of {name} for {network}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="427"/>
        <source>The file could not be read ({error}). The attachment is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="445"/>
        <source> (cropped to {ratio})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="449"/>
        <source>Made a {width}×{height} copy for {network}{how}; the original is unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="493"/>
        <source>Add media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_media.py" line="495"/>
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
    <name>MetricsSyncBar</name>
    <message>
        <location filename="../../cmplanner/ui/metrics_sync.py" line="159"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/metrics_sync.py" line="162"/>
        <source>Fetch the latest likes, reposts, replies and followers from the networks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/metrics_sync.py" line="184"/>
        <source>Syncing metrics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/metrics_sync.py" line="189"/>
        <source>Syncing metrics {done}/{total}: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/metrics_sync.py" line="199"/>
        <source>Metrics: {n} post(s) updated. {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/metrics_sync.py" line="203"/>
        <source>(and {n} more account(s))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/metrics_sync.py" line="206"/>
        <source>Metrics: {n} post(s) updated at {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/metrics_sync.py" line="211"/>
        <source>Metrics are up to date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricsSyncController</name>
    <message>
        <location filename="../../cmplanner/ui/metrics_sync.py" line="135"/>
        <source>The metrics sync failed ({what}). Try again; the log has the details.</source>
        <extracomment>The first scheduled sync after the window opens, then one every ``EVERY_MS``.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MissedSlotField</name>
    <message>
        <location filename="../../cmplanner/ui/missed_slot_field.py" line="27"/>
        <source>Ask me</source>
        <extracomment>The longest lateness the form offers (the service checks the same bound).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/missed_slot_field.py" line="28"/>
        <source>Publish late, up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/missed_slot_field.py" line="29"/>
        <source>Skip it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/missed_slot_field.py" line="32"/>
        <source>What happens to a post whose time passed while this computer slept, was off or offline (more than 15 minutes late).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/missed_slot_field.py" line="39"/>
        <source> min late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/missed_slot_field.py" line="40"/>
        <source>Minutes a post may be late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/missed_slot_field.py" line="72"/>
        <source>the window lists it with Publish now / Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/missed_slot_field.py" line="73"/>
        <source>later than that: ask me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/missed_slot_field.py" line="74"/>
        <source>it goes back to Ready with a note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/calendar/month_view.py" line="282"/>
        <source>+%n more</source>
        <extracomment>What each day cell showed at the last layout, and what it was laid out for (see ``_changed_region``).</extracomment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoveConflicts</name>
    <message>
        <location filename="../../cmplanner/ui/planning_conflicts.py" line="150"/>
        <source>Keep theirs (don&apos;t move)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/planning_conflicts.py" line="151"/>
        <source>Move anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/planning_conflicts.py" line="152"/>
        <source>Copy to a new draft there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/planning_conflicts.py" line="154"/>
        <source>Moved or changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/planning_conflicts.py" line="155"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/planning_conflicts.py" line="169"/>
        <source>Post {id} was moved or changed elsewhere (another person or window) since your calendar showed it: you saw it at {seen}, it is now at {now}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/planning_conflicts.py" line="178"/>
        <source>Nothing was moved. Compare their version with what your move would write, then choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/planning_conflicts.py" line="187"/>
        <source>Your choice applies to all {n} posts moved together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/planning_conflicts.py" line="192"/>
        <source>the backlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/planning_conflicts.py" line="214"/>
        <source>Copy %n post(s) as draft(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <location filename="../../cmplanner/ui/move_dialog.py" line="23"/>
        <source>Move to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/move_dialog.py" line="36"/>
        <source>New date and time (%1):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeRow</name>
    <message>
        <location filename="../../cmplanner/ui/publish_notices.py" line="96"/>
        <location filename="../../cmplanner/ui/publish_notices.py" line="97"/>
        <source>Hide this notice</source>
        <extracomment>Notices shown at once; the rest wait behind &quot;N more&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="93"/>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="185"/>
        <source>Encrypted file for secrets</source>
        <extracomment>QSettings keys: the choice and the path, never the passphrase.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="98"/>
        <source>cmplanner keeps the passwords and tokens of your accounts in this file, encrypted with a passphrase. The passphrase is never saved: you type it again after cmplanner restarts. If you lose it, you will have to reconnect the accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="108"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="119"/>
        <source>Passphrase &amp;again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="123"/>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="126"/>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="179"/>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="179"/>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="197"/>
        <source>Choose where to keep the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="200"/>
        <source>Type the passphrase that protects the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/keyring_choice.py" line="204"/>
        <source>The two passphrases differ. Type the same passphrase twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanWatchGlue</name>
    <message>
        <location filename="../../cmplanner/ui/plan_watch_glue.py" line="79"/>
        <source>Changes made by others are not shown right now: the database cannot be reached. cmplanner keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanningController</name>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/planning_controller.py" line="106"/>
        <source>Copy %n post(s) to %1</source>
        <extracomment>The row the calendar showed for a post (what the user saw when dragging it).</extracomment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/planning_controller.py" line="110"/>
        <source>Move %n post(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/planning_controller.py" line="136"/>
        <source>Unschedule %n post(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/planning_controller.py" line="155"/>
        <source>Add %n post(s) to the queue (first: %1)</source>
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
        <location filename="../../cmplanner/ui/composer_form.py" line="96"/>
        <source>Brand</source>
        <extracomment>The states a user picks by hand; the publishing states are the publisher&apos;s business.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="55"/>
        <location filename="../../cmplanner/ui/composer_form.py" line="107"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="58"/>
        <source>Idea</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="59"/>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="60"/>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="69"/>
        <source>What do you want to say?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="70"/>
        <source>Post text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="74"/>
        <location filename="../../cmplanner/ui/composer_form.py" line="75"/>
        <source>Content warning (Mastodon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="79"/>
        <source>Insert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="81"/>
        <source>Insert one of the brand&apos;s hashtag groups or templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="89"/>
        <source>launch, spring campaign, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="91"/>
        <source>Internal notes: only you see them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="96"/>
        <source>Media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="96"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="96"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="97"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="98"/>
        <source>Post to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="211"/>
        <source>No brand yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="218"/>
        <source>Time zone: {zone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_form.py" line="220"/>
        <source>Brief: {brief}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostListModel</name>
    <message>
        <location filename="../../cmplanner/ui/calendar/model.py" line="174"/>
        <source>not scheduled</source>
        <extracomment>A line for a chip&apos;s tooltip from the publisher (offline, handed off...), by id.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar/model.py" line="178"/>
        <source>no accounts yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar/model.py" line="183"/>
        <source>A network would refuse this post: open it to see why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar/model.py" line="188"/>
        <source>Some networks will show this post differently: open it to see.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../cmplanner/ui/import_dialog.py" line="93"/>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <location filename="../../cmplanner/ui/preview_widget.py" line="280"/>
        <location filename="../../cmplanner/ui/preview_widget.py" line="402"/>
        <source>Show more</source>
        <extracomment>The media box never grows taller than this (a phone-sized preview). Link / mention / hashtag colour as each network shows it: (light theme, dark theme). Span kinds each network highlights (Instagram captions do not make links clickable). Networks that put the images above the text. Networks with a username rather than &quot;@handle&quot; under the display name.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/preview_widget.py" line="341"/>
        <source>Posted as a thread of {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/preview_widget.py" line="402"/>
        <source>Show less</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsList</name>
    <message>
        <location filename="../../cmplanner/ui/problems_list.py" line="116"/>
        <source>Problems</source>
        <extracomment>Problems a cropped, resized or re-encoded copy of the image can solve. (network, media index) -&gt; the file to fit, when that network suggests a fit for it. The file a fitted copy of which would solve this problem, and for which network.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/problems_list.py" line="175"/>
        <source>No problems for the chosen accounts.</source>
        <extracomment>Where each row was last found (``visualItemRect`` lays the row&apos;s text out to answer), and the layout and scroll position that answer holds for.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/problems_list.py" line="207"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/problems_list.py" line="207"/>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/problems_list.py" line="211"/>
        <source>Right-click to make a copy of the image that {network} accepts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/problems_list.py" line="229"/>
        <source>Fit for {network}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/problems_list.py" line="231"/>
        <source>Replace {name} by a copy {network} accepts; the original stays.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PublishNotices</name>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/publish_notices.py" line="207"/>
        <source>%n more notice(s): hide some of these to see them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="138"/>
        <source>Restore interrupted edits?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="141"/>
        <source>cmplanner closed while these posts were being edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="143"/>
        <source>Restore them to carry on where you left off, or discard them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="153"/>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="154"/>
        <source>Decide later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="155"/>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="160"/>
        <source>Keep them; cmplanner asks again next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="222"/>
        <source>Discard this interrupted edit? Its text cannot be brought back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="224"/>
        <source>Discard these {count} interrupted edits? They cannot be brought back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/recovery.py" line="228"/>
        <source>Discard interrupted edits?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="97"/>
        <source>Client report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="110"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="119"/>
        <source>Brand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="120"/>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="121"/>
        <source>Save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="126"/>
        <source>Write PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="150"/>
        <source>Save the report as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="152"/>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="164"/>
        <source>Create a brand first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="171"/>
        <source>Writing the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/charts_report.py" line="187"/>
        <source>Written: %1 (%n page(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_report.py" line="198"/>
        <source>The report could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreBackupDialog</name>
    <message>
        <location filename="../../cmplanner/ui/backup_dialog.py" line="77"/>
        <source>Restore from backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/backup_dialog.py" line="81"/>
        <source>cmplanner copies its database once a day and keeps the last 14 copies. Restoring one replaces the whole plan with that day&apos;s; the current database is kept as a copy in the same folder first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/backup_dialog.py" line="91"/>
        <source>Replace the current plan with the selected copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/backup_dialog.py" line="92"/>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/backup_dialog.py" line="98"/>
        <source>There is no copy yet: the first is made when cmplanner starts.</source>
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
    <name>SlotListModel</name>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="77"/>
        <source>every account</source>
        <extracomment>Day choices beyond a single weekday: several slots at once.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="80"/>
        <source>account %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlotsDialog</name>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="96"/>
        <source>Posting slots — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="101"/>
        <source>Weekly times in %1 when this brand posts. “Add to queue” puts a ready post in the next free one; the week view shows free slots as dashed boxes you can drop posts on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="114"/>
        <source>Posting slots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="120"/>
        <source>Monday to Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="121"/>
        <source>Every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="127"/>
        <source>Every account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="130"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="139"/>
        <source>&amp;Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="178"/>
        <source>Next free slots: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="180"/>
        <source>No free slot in the next three weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/slots_editor.py" line="212"/>
        <source>Added %n slot(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/slots_editor.py" line="219"/>
        <source>Select the slots to remove first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/slots_editor.py" line="228"/>
        <source>Removed %n slot(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetPicker</name>
    <message>
        <location filename="../../cmplanner/ui/composer_targets.py" line="84"/>
        <source>This brand has no accounts yet (add them under Brands).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetTab</name>
    <message>
        <location filename="../../cmplanner/ui/composer_targets.py" line="136"/>
        <source>Own text for this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_targets.py" line="138"/>
        <source>Write a version of the post for {account} only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_targets.py" line="144"/>
        <source>Text for {account}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TargetsPanel</name>
    <message>
        <location filename="../../cmplanner/ui/composer_panel.py" line="54"/>
        <source>Tick the accounts to post to: each gets a preview here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/composer_panel.py" line="64"/>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../cmplanner/ui/task_runner.py" line="162"/>
        <source>cmplanner</source>
        <extracomment>Whether a failure handler was given (else the runner shows the failure).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/task_runner.py" line="164"/>
        <source>Something went wrong in the background: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/task_runner.py" line="169"/>
        <source>Try again. If it keeps happening, report it with the log file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenPage</name>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="289"/>
        <source>Access &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="295"/>
        <source>https://media.example.com/cmplanner/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="296"/>
        <source>&amp;Media base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="302"/>
        <source>Create an app on &lt;a href=&quot;https://www.linkedin.com/developers/apps&quot;&gt;LinkedIn Developers&lt;/a&gt; with the “Share on LinkedIn” product, then make a token with the scope &lt;tt&gt;w_member_social&lt;/tt&gt; in its token generator. LinkedIn tokens last 60 days: cmplanner tells you before this one ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="310"/>
        <source>Paste a &lt;b&gt;Page&lt;/b&gt; access token (with &lt;tt&gt;pages_manage_posts&lt;/tt&gt;), e.g. from the &lt;a href=&quot;https://developers.facebook.com/tools/explorer/&quot;&gt;Graph API Explorer&lt;/a&gt; of your Meta app: pick the Page under “User or Page”, then make the token long-lived with the Access Token Debugger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="318"/>
        <source>Instagram needs a professional (business or creator) account linked to a Facebook Page. Paste an access token of your Meta app with &lt;tt&gt;instagram_basic&lt;/tt&gt; and &lt;tt&gt;instagram_content_publish&lt;/tt&gt;, e.g. from the &lt;a href=&quot;https://developers.facebook.com/tools/explorer/&quot;&gt;Graph API Explorer&lt;/a&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="325"/>
        <source>Paste a long-lived Threads access token of your Meta app (with &lt;tt&gt;threads_basic&lt;/tt&gt; and &lt;tt&gt;threads_content_publish&lt;/tt&gt;). cmplanner renews it before its 60 days end.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopPostsModel</name>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="248"/>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="249"/>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="250"/>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="251"/>
        <source>Engagement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="252"/>
        <source>Likes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="253"/>
        <source>Reposts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="254"/>
        <source>Replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="299"/>
        <source>Imported from an analytics export (not planned in cmplanner).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/charts_canvas.py" line="300"/>
        <source>Click to open the post.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferActions</name>
    <message>
        <location filename="../../cmplanner/ui/transfer_actions.py" line="43"/>
        <source>&amp;Import posts (CSV)…</source>
        <extracomment>How often the window checks that today&apos;s copy exists (it is made once a day).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/transfer_actions.py" line="45"/>
        <source>Restore from &amp;backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/transfer_actions.py" line="62"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/transfer_actions.py" line="64"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../cmplanner/ui/transfer_actions.py" line="84"/>
        <source>Imported %n post(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/transfer_actions.py" line="115"/>
        <source>Restored %1. The plan before it is kept as %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendSuggestions</name>
    <message>
        <location filename="../../cmplanner/ui/trend_suggestions.py" line="40"/>
        <source>Trending now</source>
        <extracomment>Trends shown in the menu.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/trend_suggestions.py" line="52"/>
        <source>%1  (%2 posts by %3 people, last 2 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/trend_suggestions.py" line="55"/>
        <source>%1  (%2 posts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/trend_suggestions.py" line="63"/>
        <source>Reading trends from the networks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/trend_suggestions.py" line="65"/>
        <source>No trends from this brand&apos;s networks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <location filename="../../cmplanner/ui/welcome_panel.py" line="21"/>
        <source>&lt;b&gt;Welcome to cmplanner.&lt;/b&gt; This workspace is empty. Load a sample with three client brands and a month of posts to look around, or create your first brand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/welcome_panel.py" line="27"/>
        <source>Load sample workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/welcome_panel.py" line="28"/>
        <source>Create a brand…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XPage</name>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="207"/>
        <source>Sign in with your &amp;browser (OAuth 2.0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="209"/>
        <source>Use your own app&apos;s OAuth 1.0a &amp;keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="218"/>
        <source>only for a confidential app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="219"/>
        <source>Open the sign-in page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="227"/>
        <source>&amp;Client ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="228"/>
        <source>Client s&amp;ecret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="231"/>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="232"/>
        <source>API key &amp;secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="233"/>
        <source>Access &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="234"/>
        <source>Access token secre&amp;t:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="238"/>
        <source>X needs an app of your own in the &lt;a href=&quot;https://developer.x.com/en/portal/dashboard&quot;&gt;developer portal&lt;/a&gt;. For the browser sign-in, add &lt;tt&gt;{callback}&lt;/tt&gt; as a callback address in its user authentication settings and copy its OAuth 2.0 Client ID. Or copy the four OAuth 1.0a values from its “Keys and tokens” page (read and write permission).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Editor</name>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="48"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="49"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="50"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/library_dialog.py" line="53"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_PathRow</name>
    <message>
        <location filename="../../cmplanner/ui/approvals_dialog.py" line="51"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>account_pages</name>
    <message>
        <location filename="../../cmplanner/ui/account_pages.py" line="345"/>
        <source>{network} does not take pictures uploaded from your computer: it fetches each one from a public web address. Put your media where the internet can reach it (your website, a storage bucket) and give that folder&apos;s address here; cmplanner adds each file&apos;s name to it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>approval</name>
    <message>
        <location filename="../../cmplanner/ui/calendar/approval_mark.py" line="24"/>
        <source>Approved by the client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar/approval_mark.py" line="25"/>
        <source>The client asked for changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar/approval_mark.py" line="26"/>
        <source>Waiting for the client&apos;s approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../cmplanner/ui/calendar/approval_mark.py" line="27"/>
        <source>Edited since the client approved it: send it for approval again</source>
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
