"""jdgen.render and jdgen.money: the template search path, escaping, safe prose and money."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest

from jdgen.build.runner import BuildOptions, build
from jdgen.model import Company, Role
from jdgen.money import money, money_range, number_range
from jdgen.render.environment import PACKAGE_TEMPLATES, search_path
from jdgen.render.posting import posting_context, render_posting
from jdgen.render.prose import md_escape, prose_html, prose_markdown, prose_text

PACKAGE = (Path(__file__).resolve().parent.parent / "templates").resolve()


def role(**fields: object) -> Role:
    """A role from plain data, as if loaded from YAML."""
    return Role.model_validate({"title": "Account Manager", "level": "mid", **fields})


def render(fmt: str, folders: tuple[tuple[Path, Path], ...] | None = None, **fields: object) -> str:
    context = posting_context("x", role(**fields), None, today=dt.date(2026, 11, 23))
    return render_posting(context, fmt, folders or tuple(search_path(None)))


# -- the template search path -------------------------------------------------------------


def test_the_package_templates_are_the_top_level_templates_folder() -> None:
    assert PACKAGE_TEMPLATES.resolve() == PACKAGE
    assert (PACKAGE / "posting.md.j2").is_file()


def test_search_path_puts_the_workspace_first(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    assert search_path(tmp_path / "templates", tmp_path) == [
        (tmp_path / "templates", tmp_path.resolve()),
        (PACKAGE, PACKAGE),
    ]


@pytest.mark.parametrize("missing", [None, "no-such-folder"])
def test_search_path_without_workspace_templates(tmp_path: Path, missing: str | None) -> None:
    assert search_path(tmp_path / missing if missing else None) == [(PACKAGE, PACKAGE)]


def test_search_path_leaves_out_a_templates_folder_that_leads_outside(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "templates").symlink_to(tmp_path / "elsewhere")
    assert search_path(tmp_path / "ws" / "templates", tmp_path / "ws") == [(PACKAGE, PACKAGE)]


def test_a_workspace_template_overrides_the_package_one(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace(
        {
            "roles/x.yaml": "title: Account Manager\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n",
            "templates/posting.md.j2": "Custom: {{ title|md }}\n",
        }
    )
    report = build(ws, None, BuildOptions(tmp_path / "out", ("md", "html")))
    assert report.exit_code == 0
    assert (tmp_path / "out/x/posting.md").read_text() == "Custom: Account Manager\n"
    # posting.html.j2 still comes from the package.
    assert "<h1>Account Manager</h1>" in (tmp_path / "out/x/posting.html").read_text()


def test_a_workspace_stylesheet_is_inlined(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace(
        {
            "roles/x.yaml": "title: Account Manager\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n",
            "templates/posting.css": "h1 { color: rebeccapurple; }\n",
        }
    )
    build(ws, None, BuildOptions(tmp_path / "out", ("html",)))
    html = (tmp_path / "out/x/posting.html").read_text()
    assert "<style>\nh1 { color: rebeccapurple; }\n</style>" in html
    assert "--accent" not in html  # the package stylesheet is replaced, not added to


# -- strictness and template errors ----------------------------------------------------------


def test_an_undefined_variable_raises(tmp_path: Path) -> None:
    (tmp_path / "posting.md.j2").write_text("# {{ titel }}\n")
    with pytest.raises(jinja2.UndefinedError, match="'titel' is undefined"):
        render("md", ((tmp_path, tmp_path), (PACKAGE, PACKAGE)))


def test_an_undefined_variable_fails_the_role_with_a_message(make_workspace, tmp_path) -> None:
    ws = make_workspace(
        {
            "roles/x.yaml": "title: T\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n",
            "templates/posting.md.j2": "# {{ titel }}\n",
        }
    )
    report = build(ws, None, BuildOptions(tmp_path / "out", ("md",)))
    assert report.exit_code == 1
    assert report.outcomes[0].messages == [
        "templates/posting.md.j2:1: error: template error: 'titel' is undefined "
        "(rendering roles/x.yaml)"
    ]
    assert not (tmp_path / "out/x").exists()


def test_a_template_syntax_error_points_at_the_template(make_workspace, tmp_path) -> None:
    ws = make_workspace(
        {
            "roles/x.yaml": "title: T\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n",
            "templates/posting.md.j2": "# {{ title }}\n\n{% if title %}\n",
        }
    )
    report = build(ws, None, BuildOptions(tmp_path / "out", ("md",)))
    [message] = report.outcomes[0].messages
    # Jinja lists the tags it was looking for in no fixed order.
    assert message.startswith(
        "templates/posting.md.j2:3: error: template syntax error: Unexpected end of template. "
    )


@pytest.mark.parametrize(
    "expression",
    [
        "cycler.__init__.__globals__.os.system('touch {marker}')",
        "''.__class__.__mro__[1].__subclasses__()",
        "lipsum.__globals__['os'].popen('touch {marker}').read()",
        "duties.append('injected') or duties",
    ],
)
def test_workspace_templates_run_sandboxed(make_workspace, tmp_path, expression: str) -> None:
    marker = tmp_path / "ran"
    template = "# {{ title }}\n\n{{ " + expression.format(marker=marker) + " }}\n"
    ws = make_workspace(
        {
            "roles/x.yaml": "title: T\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n",
            "templates/posting.md.j2": template,
        }
    )
    report = build(ws, None, BuildOptions(tmp_path / "out", ("md",)))
    [message] = report.outcomes[0].messages
    assert message.startswith("templates/posting.md.j2:3: error: template error: ")
    assert message.endswith(" (rendering roles/x.yaml)")
    assert "unsafe" in message or "not safely callable" in message
    assert not marker.exists()
    assert not (tmp_path / "out/x").exists()


# -- plain text is escaped in every format -----------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


def test_html_escapes_plain_text() -> None:
    html = render("html", title='Sales & "Co" <b>', duties=[SCRIPT], skills=["<i>x</i>"])
    assert "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>" in html
    assert "<li>&lt;i&gt;x&lt;/i&gt;</li>" in html
    assert "<title>Sales &amp; &#34;Co&#34; &lt;b&gt;</title>" in html
    assert 'content="Sales &amp; &#34;Co&#34; &lt;b&gt;. Mid-level · Full-time"' in html
    assert "<script" not in html
    assert "<i>" not in html


def test_html_escapes_the_company_name(tmp_path: Path) -> None:
    context = posting_context("x", role(), Company(name="<b>Acme</b>", about="We <i>sell</i>."))
    html = render_posting(context, "html", tuple(search_path(None)))
    assert '<p class="org">&lt;b&gt;Acme&lt;/b&gt;</p>' in html
    assert '<meta name="author" content="&lt;b&gt;Acme&lt;/b&gt;">' in html
    assert "<h2>About &lt;b&gt;Acme&lt;/b&gt;</h2>" in html
    assert "<p>We &lt;i&gt;sell&lt;/i&gt;.</p>" in html
    assert "<b>" not in html


def test_markdown_escapes_plain_text() -> None:
    md = render(
        "md",
        duties=[
            SCRIPT,
            "Sell *more* _now_ [here](https://x.example)",
            "# No heading",
            "1. No list",
        ],
    )
    assert md.splitlines()[6:10] == [
        r"- \<script\>alert(1)\</script\>",
        r"- Sell \*more\* \_now\_ \[here\](https://x.example)",
        r"- \# No heading",
        r"- 1\. No list",
    ]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a*b*", r"a\*b\*"),
        ("snake_case_name", r"snake\_case\_name"),
        ("[link](https://x.example)", r"\[link\](https://x.example)"),
        ("`code`", r"\`code\`"),
        ("<b>bold</b>", r"\<b\>bold\</b\>"),
        ("a | b", r"a \| b"),
        ("~~gone~~", r"\~\~gone\~\~"),
        ("back\\slash", r"back\\slash"),
        ("# heading", r"\# heading"),
        ("#1 in sales", r"\#1 in sales"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("* item", r"\* item"),
        ("> quote", r"\> quote"),
        ("===", r"\==="),
        ("1. first", r"1\. first"),
        ("2026) a year", r"2026\) a year"),
        ("2-3 visits a week", "2-3 visits a week"),
        ("R&D", "R&D"),
        ("&copy; &#169; &amp;", r"\&copy; \&#169; \&amp;"),
        ("100% of  the\n\ntime", "100% of the time"),
        ("A 401(k) plan", "A 401(k) plan"),
        ("Up to 25% travel.", "Up to 25% travel."),
    ],
)
def test_md_escape(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


# -- the safe Markdown subset (summary, about, equal opportunity) ------------------------------


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (
            "Plain *emphasis* and **strong**.",
            "<p>Plain <em>emphasis</em> and <strong>strong</strong>.</p>",
        ),
        ("One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        (
            "<b>raw</b> & <script>x</script>",
            "<p>&lt;b&gt;raw&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;</p>",
        ),
        ("<div>\nblock\n</div>", "<p>&lt;div&gt;\nblock\n&lt;/div&gt;</p>"),
        (
            "[site](https://x.example)",
            '<p><a href="https://x.example" rel="nofollow noopener">site</a></p>',
        ),
        (
            "[site](http://x.example)",
            '<p><a href="http://x.example" rel="nofollow noopener">site</a></p>',
        ),
        (
            "[mail](mailto:a@x.example)",
            '<p><a href="mailto:a@x.example" rel="nofollow noopener">mail</a></p>',
        ),
        (
            "<https://x.example>",
            '<p><a href="https://x.example" rel="nofollow noopener">https://x.example</a></p>',
        ),
        ("[x](javascript:alert(1))", "<p><span>x</span></p>"),
        ("[x](JavaScript:alert(1))", "<p><span>x</span></p>"),
        ("[x]( javascript:alert(1))", "<p><span>x</span></p>"),
        ("[x](data:text/html,hi)", "<p><span>x</span></p>"),
        ("[x](/relative)", "<p><span>x</span></p>"),
        ("[x][1]\n\n[1]: javascript:alert(1)", "<p><span>x</span></p>"),
        ("![logo](https://x.example/a.png)", "<p>![logo](https://x.example/a.png)</p>"),
    ],
    ids=[
        "emphasis",
        "paragraphs",
        "list",
        "raw-html",
        "html-block",
        "https",
        "http",
        "mailto",
        "autolink",
        "javascript",
        "javascript-case",
        "javascript-space",
        "data",
        "relative",
        "reference",
        "image",
    ],
)
def test_prose_html(text: str, html: str) -> None:
    assert prose_html(text) == html


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("Plain *emphasis*.\n\n- a\n- b\n", "Plain *emphasis*.\n\n- a\n- b"),
        (
            "<b>raw</b> & <script>x</script>",
            "&lt;b&gt;raw&lt;/b&gt; & &lt;script&gt;x&lt;/script&gt;",
        ),
        ("[site](https://x.example)", "[site](https://x.example)"),
        ("[site](http://x.example)", "[site](http://x.example)"),
        ("[mail](mailto:a@x.example)", "[mail](mailto:a@x.example)"),
        ("<https://x.example>", "<https://x.example>"),
        ("<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;"),
        ("See [x](javascript:alert(1)) now", "See x now"),
        ("[x](JavaScript:alert(1))", "x"),
        ("[x](\njavascript:alert(1))", "x"),
        ("[x](<javascript:alert(1)>)", "x"),
        ("[x](&#106;avascript:alert(1))", "x"),
        ("[x](data:text/html,hi)", "x"),
        ("[a [b] c](javascript:alert(1))", "a [b] c"),
        ("[[x](javascript:1)](javascript:2)", "x"),
        ("[[x](https://ok.example)](javascript:2)", "[x](https://ok.example)"),
        (r"[x\\](javascript:alert(1))", r"x\\"),
        (r"\[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("[x](javascript:alert(1)", r"[x\](javascript:alert(1)"),
        ("[x][1]\n\n[1]: javascript:alert(1)", "[x][1]\n\n[1\\]: javascript:alert(1)"),
        ("[x][1]\n\n[1]: https://x.example", "[x][1]\n\n[1]: https://x.example"),
        ("![logo](https://x.example/a.png)", r"!\[logo](https://x.example/a.png)"),
    ],
    ids=[
        "plain",
        "raw-html",
        "https",
        "http",
        "mailto",
        "autolink",
        "javascript-autolink",
        "javascript",
        "javascript-case",
        "javascript-newline",
        "javascript-angle",
        "javascript-entity",
        "data",
        "nested-brackets",
        "nested-links",
        "safe-inside-unsafe",
        "escaped-backslash",
        "escaped-bracket",
        "unclosed",
        "reference-unsafe",
        "reference-safe",
        "image",
    ],
)
def test_prose_markdown(text: str, markdown: str) -> None:
    assert prose_markdown(text) == markdown


def test_empty_prose() -> None:
    assert prose_html(None) == ""
    assert prose_markdown("") == ""
    assert prose_text(None) == ""


def test_prose_text() -> None:
    assert prose_text("We *sell* [software](https://x.example)\n\nto _wholesalers_.") == (
        "We sell software to wholesalers."
    )


def test_summary_is_safe_in_both_formats() -> None:
    summary = "We **sell**. <img src=x onerror=alert(1)> [Click](javascript:alert(1))"
    html = render("html", summary=summary)
    md = render("md", summary=summary)
    assert (
        '<div class="prose"><p>We <strong>sell</strong>. &lt;img src=x onerror=alert(1)&gt; '
        "<span>Click</span></p></div>"
    ) in html
    assert "We **sell**. &lt;img src=x onerror=alert(1)&gt; Click\n" in md
    assert "javascript" not in html + md


# -- money -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "currency", "locale", "shown"),
    [
        (51933, 94871, "USD", "en_US", "$51,933 – $94,871"),
        (51933.0, 94871.0, "USD", "en_US", "$51,933 – $94,871"),
        (25.5, 32.75, "USD", "en_US", "$25.50 – $32.75"),
        (25, 32.5, "USD", "en_US", "$25 – $32.50"),
        (65000, 80000, "EUR", "es_ES", "65.000\xa0€ – 80.000\xa0€"),
        (65000, None, "EUR", "es_ES", "65.000\xa0€"),
        (1500.5, None, "EUR", "de_DE", "1.500,50\xa0€"),
        (65000, 80000, "EUR", "en_US", "€65,000 – €80,000"),
        (42000, 55000, "GBP", "en_GB", "£42,000 – £55,000"),
        (None, 90000, "USD", "en_US", "$90,000"),
        (70000, 70000, "USD", "en_US", "$70,000"),
        (None, None, "USD", "en_US", ""),
    ],
)
def test_money_range(low, high, currency: str, locale: str, shown: str) -> None:
    assert money_range(low, high, currency, locale) == shown


def test_money_rounds_cents() -> None:
    assert money(1234567.891, "USD", "en_US") == "$1,234,567.89"


def test_number_range() -> None:
    assert number_range(3, 5, "en_US") == "3–5"
    assert number_range(1500, None, "en_US") == "1,500"
    assert number_range(15000, 25000, "es_ES") == "15.000–25.000"
    assert number_range(2, 2, "en_US") == "2"


@pytest.mark.parametrize(
    ("salary", "base"),
    [
        (
            {"min": 51933, "max": 94871, "currency": "USD"},
            "$51,933 – $94,871 per year",
        ),
        (
            {"min": 25.5, "max": 32.75, "currency": "USD", "period": "hour"},
            "$25.50 – $32.75 per hour",
        ),
        ({"min": 4000, "currency": "EUR", "period": "month"}, "from €4,000 per month"),
    ],
)
def test_pay_in_the_posting(salary: dict, base: str) -> None:
    pay = posting_context("x", role(salary=salary), None)["pay"]
    assert pay["base"] == base


def test_pay_in_another_locale() -> None:
    salary = {"min": 65000, "max": 80000, "currency": "EUR"}
    pay = posting_context("x", role(salary=salary), None, locale="es_ES")["pay"]
    assert pay["base"] == "65.000\xa0€ – 80.000\xa0€ brutos anuales"


def test_variable_pay() -> None:
    salary = {
        "min": 51933,
        "max": 94871,
        "currency": "USD",
        "variable": [
            {"kind": "commission", "min": 5500, "max": 39999, "description": "Paid quarterly."},
            {"kind": "bonus", "target": 8000},
            {"kind": "profit-sharing", "description": "From the company's profit."},
        ],
        "equity": "Stock options",
    }
    pay = posting_context("x", role(salary=salary), None)["pay"]
    assert pay["variable"] == [
        {
            "label": "Commission",
            "amount": "$5,500 – $39,999 per year",
            "description": "Paid quarterly.",
        },
        {"label": "Bonus", "amount": "$8,000 per year at target", "description": None},
        {"label": "Profit sharing", "amount": None, "description": "From the company's profit."},
    ]
    assert pay["equity"] == "Stock options"


@pytest.mark.parametrize(
    "salary", [None, {"min": 50000}, {"currency": "USD"}], ids=["none", "no-currency", "no-amount"]
)
def test_no_pay_without_an_amount_and_a_currency(salary: dict | None) -> None:
    assert posting_context("x", role(salary=salary), None)["pay"] is None


# -- the rest of the context -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "shown"),
    [
        ({"min": 3, "max": 5}, "3–5 years"),
        ({"min": 0, "max": 2}, "up to 2 years"),
        ({"min": 4}, "4+ years"),
        ({"min": 2.5}, "2.5+ years"),
    ],
)
def test_experience(years: dict, shown: str) -> None:
    assert posting_context("x", role(experience_years=years), None)["experience"] == shown


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ({"city": "Denver", "region": "CO", "country": "US"}, "Denver, CO, United States"),
        ({"city": "Palma", "country": "es"}, "Palma, Spain"),
        ({"workplace": "remote", "remote_regions": ["ES", "PT"]}, "Spain, Portugal"),
        ({"workplace": "remote", "country": "US", "remote_regions": ["US"]}, "United States"),
        ({"country": "XX"}, "XX"),
        ({"workplace": "remote"}, None),
    ],
)
def test_location(location: dict, shown: str | None) -> None:
    assert posting_context("x", role(location=location), None)["location"] == shown


def test_dates_are_long_and_posted_defaults_to_today() -> None:
    context = posting_context(
        "x", role(valid_through=dt.date(2027, 1, 15)), None, today=dt.date(2026, 11, 23)
    )
    assert (context["date_posted"], context["date_posted_iso"]) == (
        "November 23, 2026",
        "2026-11-23",
    )
    assert context["valid_through"] == "January 15, 2027"
    spanish = posting_context("x", role(date_posted=dt.date(2026, 11, 23)), None, locale="es_ES")
    assert (spanish["date_posted"], spanish["lang"]) == ("23 de noviembre de 2026", "es")


def test_a_role_without_a_company_renders() -> None:
    md = render("md", duties=["Sell"])
    assert md == ("# Account Manager\n\nMid-level · Full-time\n\n## What you will do\n\n- Sell\n")


def test_the_at_a_glance_box_only_appears_with_something_in_it() -> None:
    bare = render("html", apply={"url": "https://example.com/apply"})
    assert '<aside class="glance"' not in bare
    paid = render("html", salary={"min": 1000, "max": 2000, "currency": "EUR", "period": "month"})
    assert '<aside class="glance"' in paid
