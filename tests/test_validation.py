"""jdgen.load.validate and jdgen.model: schema errors as ``path:line:col: error [schema] ...`` lines."""

from __future__ import annotations

import datetime as dt

import pytest

from jdgen.errors import RoleFileError
from jdgen.load.validate import describe, dotted, fields_at
from jdgen.model import Role, slug

ROLE = "title: Account Manager\nlevel: mid\n"


# -- wrong types -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "salary:\n  min: lots\n",
            "roles/x.yaml:4:8: error [schema] salary.min: expected a number, got 'lots'",
        ),
        (
            "salary: {min: '51933'}\n",
            "roles/x.yaml:3:15: error [schema] salary.min: expected a number, got '51933'",
        ),
        (
            "salary: 50000\n",
            "roles/x.yaml:3:9: error [schema] salary: expected a mapping, got 50000",
        ),
        ("duties: Sell\n", "roles/x.yaml:3:9: error [schema] duties: expected a list, got 'Sell'"),
        (
            "duties:\n  - Sell\n  - 42\n",
            "roles/x.yaml:5:5: error [schema] duties[1]: expected text, got 42",
        ),
        (
            "duties:\n  - Sell\n  -\n",
            "roles/x.yaml:5:4: error [schema] duties[1]: expected text, got nothing",
        ),
        (
            "requirements: [Negotiation]\n",
            "roles/x.yaml:3:15: error [schema] requirements: expected a mapping, got a list",
        ),
        (
            "education: [5]\n",
            "roles/x.yaml:3:13: error [schema] education[0]: expected a mapping, got 5",
        ),
        (
            "certifications: [{name: CSAM, required: 'yes'}]\n",
            "roles/x.yaml:3:41: error [schema] certifications[0].required: expected true or false, "
            "got 'yes'",
        ),
        (
            "experience_years: {min: -1}\n",
            "roles/x.yaml:3:25: error [schema] experience_years.min: input should be greater than or "
            "equal to 0, got -1",
        ),
        (
            "summary: " + "x" * 70 + "\nsalary: {min: " + "y" * 70 + "}\n",
            "roles/x.yaml:4:15: error [schema] salary.min: expected a number, got "
            "'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy...'",
        ),
    ],
    ids=[
        "number",
        "quoted-number",
        "mapping",
        "list",
        "list-item",
        "empty-list-item",
        "requirements-list",
        "education-item",
        "bool",
        "range",
        "long-value-shortened",
    ],
)
def test_wrong_type(role_errors, extra: str, message: str) -> None:
    assert role_errors({"roles/x.yaml": ROLE + extra}) == [message]


def test_a_title_must_be_one_line(role_errors) -> None:
    assert role_errors({"roles/x.yaml": "title: |\n  Account\n  Manager\nlevel: mid\n"}) == [
        "roles/x.yaml:1:8: error [schema] title: the title must fit on one line"
    ]


def test_an_empty_title_is_missing(role_errors) -> None:
    # `key:` with no value removes the key (see test_inherit), in a base or not.
    assert role_errors({"roles/x.yaml": "title:\nlevel: mid\n"}) == [
        "roles/x.yaml:1:1: error [schema] missing required key 'title'"
    ]


# -- booleans where text was meant --------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            "location:\n  country: NO\n",
            "roles/x.yaml:4:12: error [schema] location.country: expected text, "
            "got false (quote it if you meant text)",
        ),
        (
            "skills: [Negotiation, yes]\n",
            "roles/x.yaml:3:23: error [schema] skills[1]: expected text, "
            "got true (quote it if you meant text)",
        ),
        (
            "salary: {min: on}\n",
            "roles/x.yaml:3:15: error [schema] salary.min: expected a number, "
            "got true (quote it if you meant text)",
        ),
    ],
    ids=["norway", "list-item", "number"],
)
def test_bool_where_text_was_meant_hints_to_quote(role_errors, extra: str, message: str) -> None:
    assert role_errors({"roles/x.yaml": ROLE + extra}) == [message]


def test_quoted_country_code_is_fine(load_role) -> None:
    loaded = load_role({"roles/x.yaml": ROLE + "location: {country: 'NO'}\n"})
    assert loaded.role.location.country == "NO"


# -- unknown and missing keys --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            ROLE + "dutes: [Sell]\n",
            "roles/x.yaml:3:1: error [schema] unknown key 'dutes' (did you mean 'duties'?)",
        ),
        (
            ROLE + "salary: {mni: 1}\n",
            "roles/x.yaml:3:10: error [schema] salary: unknown key 'mni' (did you mean 'min'?)",
        ),
        (
            ROLE + "location:\n  remote_region: [US]\n",
            "roles/x.yaml:4:3: error [schema] location: unknown key 'remote_region' "
            "(did you mean 'remote_regions'?)",
        ),
        (
            ROLE + "requirements: {must: [Sell], mustt: [Listen]}\n",
            "roles/x.yaml:3:30: error [schema] requirements: unknown key 'mustt' (did you mean 'must'?)",
        ),
        (
            ROLE + "salary:\n  variable:\n    - kind: bonus\n      mni: 3\n",
            "roles/x.yaml:6:7: error [schema] salary.variable[0]: unknown key 'mni' (did you mean 'min'?)",
        ),
        (
            ROLE + "education:\n  - text: MBA\n    credentail: master\n",
            "roles/x.yaml:5:5: error [schema] education[0]: unknown key 'credentail' "
            "(did you mean 'credential'?)",
        ),
        (ROLE + "perks: [Gym]\n", "roles/x.yaml:3:1: error [schema] unknown key 'perks'"),
    ],
    ids=["top-level", "nested", "nested-block", "requirements", "in-list", "education", "no-hint"],
)
def test_unknown_key(role_errors, text: str, message: str) -> None:
    assert role_errors({"roles/x.yaml": text}) == [message]


def test_missing_title(role_errors) -> None:
    assert role_errors({"roles/x.yaml": "level: mid\nduties: [Sell]\n"}) == [
        "roles/x.yaml:1:1: error [schema] missing required key 'title'"
    ]


def test_missing_nested_key(role_errors) -> None:
    text = ROLE + "salary:\n  variable:\n    - min: 5\n"
    assert role_errors({"roles/x.yaml": text}) == [
        "roles/x.yaml:5:7: error [schema] salary.variable[0]: missing required key 'kind'"
    ]


def test_misspelt_required_key_gives_both_errors(role_errors) -> None:
    assert role_errors({"roles/x.yaml": "tilte: Account Manager\nlevel: mid\n"}) == [
        "roles/x.yaml:1:1: error [schema] missing required key 'title'",
        "roles/x.yaml:1:1: error [schema] unknown key 'tilte' (did you mean 'title'?)",
    ]


# -- vocabularies ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "title: T\nlevel: senoir\n",
            "roles/x.yaml:2:8: error [schema] level: expected one of 'entry', 'junior', 'mid', 'senior', "
            "'lead' or 'principal', got 'senoir' (did you mean 'senior'?)",
        ),
        (
            "title: T\nlevel: Senior\n",
            "roles/x.yaml:2:8: error [schema] level: expected one of 'entry', 'junior', 'mid', 'senior', "
            "'lead' or 'principal', got 'Senior' (did you mean 'senior'?)",
        ),
        (
            "title: T\nlevel: boss\n",
            "roles/x.yaml:2:8: error [schema] level: expected one of 'entry', 'junior', 'mid', 'senior', "
            "'lead' or 'principal', got 'boss'",
        ),
        (
            "title: T\nlevel: 3\n",
            "roles/x.yaml:2:8: error [schema] level: expected one of 'entry', 'junior', 'mid', 'senior', "
            "'lead' or 'principal', got 3",
        ),
        (
            ROLE + "employment_type: fulltime\n",
            "roles/x.yaml:3:18: error [schema] employment_type: expected one of 'full-time', "
            "'part-time', 'contract', 'temporary' or 'internship', got 'fulltime' "
            "(did you mean 'full-time'?)",
        ),
        (
            ROLE + "location: {workplace: Remote}\n",
            "roles/x.yaml:3:23: error [schema] location.workplace: expected one of 'onsite', 'hybrid' "
            "or 'remote', got 'Remote' (did you mean 'remote'?)",
        ),
        (
            ROLE + "salary:\n  variable: [{kind: comission}]\n",
            "roles/x.yaml:4:21: error [schema] salary.variable[0].kind: expected one of 'commission', "
            "'bonus', 'profit-sharing' or 'other', got 'comission' (did you mean 'commission'?)",
        ),
    ],
    ids=["typo", "capitalised", "no-hint", "number", "employment", "workplace", "variable"],
)
def test_value_outside_the_vocabulary(role_errors, text: str, message: str) -> None:
    assert role_errors({"roles/x.yaml": text}) == [message]


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("tomorrow", "date_posted: expected a date like 2026-01-31, got 'tomorrow'"),
        ("'2026-1-2'", "date_posted: expected a date like 2026-01-31, got '2026-1-2'"),
        ("5", "date_posted: expected a date like 2026-01-31, got 5"),
        ("0", "date_posted: expected a date like 2026-01-31, got 0"),
        ("'20260102'", "date_posted: expected a date like 2026-01-31, got '20260102'"),
        ("[2026]", "date_posted: expected a date like 2026-01-31, got a list"),
        (
            "2026-01-02T10:30:00",
            "date_posted: expected a date without a time, got 2026-01-02 10:30:00",
        ),
        ("2026-13-01", "cannot read '2026-13-01' as timestamp: month must be in 1..12"),
    ],
    ids=["word", "short", "number", "zero", "digits", "list", "datetime", "month-13"],
)
def test_bad_date(role_errors, value: str, message: str) -> None:
    assert role_errors({"roles/x.yaml": ROLE + f"date_posted: {value}\n"}) == [
        f"roles/x.yaml:3:14: error [schema] {message}"
    ]


@pytest.mark.parametrize("value", ["2026-11-23", "'2026-11-23'"])
def test_dates_load_plain_or_quoted(load_role, value: str) -> None:
    loaded = load_role({"roles/x.yaml": ROLE + f"date_posted: {value}\n"})
    assert loaded.role.date_posted == dt.date(2026, 11, 23)


# -- several errors at once ------------------------------------------------------------


def test_a_file_with_several_errors_lists_every_one_in_order(role_errors) -> None:
    text = (
        "title: 5\n"
        "level: 3\n"
        "duties: Sell\n"
        "salary:\n"
        "  min: lots\n"
        "  max: [1]\n"
        "  mni: 3\n"
        "dutes: [Sell]\n"
    )
    assert role_errors({"roles/x.yaml": text}) == [
        "roles/x.yaml:1:8: error [schema] title: expected text, got 5",
        "roles/x.yaml:2:8: error [schema] level: expected one of 'entry', 'junior', 'mid', 'senior', "
        "'lead' or 'principal', got 3",
        "roles/x.yaml:3:9: error [schema] duties: expected a list, got 'Sell'",
        "roles/x.yaml:5:8: error [schema] salary.min: expected a number, got 'lots'",
        "roles/x.yaml:6:8: error [schema] salary.max: expected a number, got a list",
        "roles/x.yaml:7:3: error [schema] salary: unknown key 'mni' (did you mean 'min'?)",
        "roles/x.yaml:8:1: error [schema] unknown key 'dutes' (did you mean 'duties'?)",
    ]


# -- plain strings for mapping items ------------------------------------------------------


def test_plain_strings_become_mappings(load_role) -> None:
    role = load_role(
        {
            "roles/x.yaml": ROLE
            + "education: [High school diploma]\n"
            + "certifications: [CSAM]\n"
            + "apply: careers@tramuntana.example\n"
        }
    ).role
    assert role.education[0].text == "High school diploma"
    assert role.education[0].required is True
    assert role.certifications[0].name == "CSAM"
    assert role.certifications[0].required is False
    assert role.apply.email == "careers@tramuntana.example"
    assert role.apply.url is None


def test_apply_as_a_url(load_role) -> None:
    role = load_role({"roles/x.yaml": ROLE + "apply: https://tramuntana.example/?a=b@c\n"}).role
    assert role.apply.url == "https://tramuntana.example/?a=b@c"
    assert role.apply.email is None


# -- requirement ids -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three years in B2B sales", "three-years-in-b2b-sales"),
        ("Diseño gráfico y comunicación", "diseno-grafico-y-comunicacion"),
        ("A record of negotiating multi-year agreements with large customers", None),
        ("C++ / C#!", "c-c"),
        ("¿¡!?", "item"),
    ],
)
def test_slug(text: str, expected: str | None) -> None:
    if expected is None:  # long texts keep their first six words
        expected = "a-record-of-negotiating-multi-year"
    assert slug(text) == expected


def test_requirement_ids_are_derived_from_the_text(load_role) -> None:
    text = ROLE + (
        "requirements:\n"
        "  must:\n"
        "    - Three years in B2B sales\n"
        "    - id: crm\n"
        "      text: A CRM such as Salesforce\n"
        "  nice:\n"
        "    - Spreadsheets, Excel in particular\n"
    )
    requirements = load_role({"roles/x.yaml": text}).role.requirements
    assert [(r.id, r.text) for r in requirements.all()] == [
        ("three-years-in-b2b-sales", "Three years in B2B sales"),
        ("crm", "A CRM such as Salesforce"),
        ("spreadsheets-excel-in-particular", "Spreadsheets, Excel in particular"),
    ]


def test_derived_ids_are_stable_between_loads(make_workspace) -> None:
    text = ROLE + "requirements:\n  must: [Negotiation, Listening]\n  nice: [Spanish]\n"
    ws = make_workspace({"roles/x.yaml": text, "roles/y.yaml": text})
    ids = [
        [r.id for r in ws.load_role(ws.roles_dir / name).role.requirements.all()]
        for name in ("x.yaml", "y.yaml", "x.yaml")
    ]
    assert ids == [["negotiation", "listening", "spanish"]] * 3


def test_colliding_derived_ids_get_numbered(load_role) -> None:
    text = ROLE + (
        "requirements:\n"
        "  must:\n"
        "    - Three years in B2B sales\n"
        "    - Three years in B2B sales.\n"
        "  nice:\n"
        "    - Three years in B2B sales!\n"
    )
    requirements = load_role({"roles/x.yaml": text}).role.requirements
    assert [r.id for r in requirements.all()] == [
        "three-years-in-b2b-sales",
        "three-years-in-b2b-sales-2",
        "three-years-in-b2b-sales-3",
    ]


def test_derived_ids_never_take_an_explicit_id(load_role) -> None:
    text = ROLE + (
        "requirements:\n"
        "  must:\n"
        "    - Negotiation\n"
        "    - id: negotiation\n"
        "      text: Negotiating multi-year agreements\n"
        "    - id: negotiation-2\n"
        "      text: Negotiating prices\n"
    )
    requirements = load_role({"roles/x.yaml": text}).role.requirements
    assert [r.id for r in requirements.all()] == ["negotiation-3", "negotiation", "negotiation-2"]


def test_duplicate_explicit_ids_are_an_error_at_the_second_item(role_errors) -> None:
    text = ROLE + (
        "requirements:\n"
        "  must:\n"
        "    - id: crm\n"
        "      text: A CRM\n"
        "  nice:\n"
        "    - Spanish\n"
        "    - id: crm\n"
        "      text: Another CRM\n"
    )
    assert role_errors({"roles/x.yaml": text}) == [
        "roles/x.yaml:9:7: error [schema] requirements.nice[1]: duplicate requirement id 'crm' "
        "(first used on line 5)"
    ]


def test_a_badly_shaped_id(role_errors) -> None:
    text = ROLE + "requirements:\n  must:\n    - id: CRM Experience\n      text: A CRM\n"
    assert role_errors({"roles/x.yaml": text}) == [
        "roles/x.yaml:5:11: error [schema] requirements.must[0].id: an id is lowercase letters, "
        "digits and hyphens, like 'crm-experience'"
    ]


# -- the role id (the file name) ---------------------------------------------------------


@pytest.mark.parametrize("name", ["Key_Account", "key account", "-key", "key--account"])
def test_role_id_must_be_a_slug(role_errors, name: str) -> None:
    assert role_errors({f"roles/{name}.yaml": ROLE}, name=name) == [
        f"roles/{name}.yaml:1:1: error [schema] role id {name!r} (the file name) must be lowercase letters, "
        "digits and hyphens, like 'key-account-manager'"
    ]


# -- helpers -----------------------------------------------------------------------------


def test_dotted() -> None:
    assert dotted(("requirements", "must", 2, "text")) == "requirements.must[2].text"
    assert dotted(()) == ""


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "nothing"),
        (False, "false (quote it if you meant text)"),
        ({}, "a mapping"),
        ([1], "a list"),
        ("lots", "'lots'"),
        (1.5, "1.5"),
    ],
)
def test_describe(value: object, shown: str) -> None:
    assert describe(value) == shown


def test_fields_at_follows_lists_and_optionals() -> None:
    assert fields_at(Role, ("salary", "variable", 0)) == [
        "kind",
        "min",
        "max",
        "target",
        "period",
        "description",
    ]
    assert fields_at(Role, ("requirements",)) == ["must", "nice"]
    assert fields_at(Role, ("title",)) == []
    assert fields_at(Role, ("nothing", "here")) == []


# -- links: they end up in href attributes and Markdown autolinks ---------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,hi",
        "tramuntana.example/careers",
        "ftp://tramuntana.example",
        "'https://tramuntana.example/a b'",
        "'https://x.example/\"><script>alert(1)</script>'",
        "'https://x.example/> [click](javascript:alert(1))'",
    ],
)
def test_apply_url_must_be_a_web_address(role_errors, url: str) -> None:
    [message] = role_errors({"roles/x.yaml": ROLE + f"apply:\n  url: {url}\n"})
    assert message.startswith(
        "roles/x.yaml:4:8: error [schema] apply.url: expected a web address starting with https:// or "
        "http://, got '"
    )


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("apply.url", "apply: {url: 'javascript:alert(1)'}"),
        ("certifications[0].url", "certifications: [{name: CSAM, url: 'javascript:alert(1)'}]"),
    ],
)
def test_every_link_is_checked(role_errors, field: str, text: str) -> None:
    [message] = role_errors({"roles/x.yaml": ROLE + text + "\n"})
    assert message.endswith(
        f"error [schema] {field}: expected a web address starting with https:// or http://, "
        "got 'javascript:alert(1)'"
    )


def test_company_website_is_checked(make_workspace) -> None:
    ws = make_workspace(
        {"roles/_company.yaml": "name: Acme\nwebsite: javascript:alert(1)\n", "roles/x.yaml": ROLE}
    )
    with pytest.raises(RoleFileError) as caught:
        ws.load_role(ws.roles_dir / "x.yaml")
    assert caught.value.format_message() == (
        "roles/_company.yaml:2:10: error [schema] website: expected a web address starting with "
        "https:// or http://, got 'javascript:alert(1)'"
    )


@pytest.mark.parametrize(
    "url",
    ["https://tramuntana.example/careers/key-account-manager?src=x#apply", "HTTP://X.EXAMPLE"],
)
def test_web_addresses_load(load_role, url: str) -> None:
    assert load_role({"roles/x.yaml": ROLE + f"apply: {url}\n"}).role.apply.url == url


@pytest.mark.parametrize(
    ("email", "shown"),
    [
        ("careers", "'careers'"),
        ("'a b@x.example'", "'a b@x.example'"),
        (
            "'a@x.example> <img src=x onerror=alert(1)>'",
            "'a@x.example> <img src=x onerror=alert(1)>'",
        ),
    ],
)
def test_apply_email_must_be_an_address(role_errors, email: str, shown: str) -> None:
    assert role_errors({"roles/x.yaml": ROLE + f"apply:\n  email: {email}\n"}) == [
        "roles/x.yaml:4:10: error [schema] apply.email: expected an email address like "
        f"careers@example.com, got {shown}"
    ]


def test_a_mailto_address_as_apply_is_explained(role_errors) -> None:
    # The plain-string form is read as an email; the message shows what was written.
    assert role_errors({"roles/x.yaml": ROLE + "apply: mailto:careers@x.example\n"}) == [
        "roles/x.yaml:3:8: error [schema] apply.email: expected an email address like "
        "careers@example.com, got 'mailto:careers@x.example'"
    ]


def test_an_email_address_loads(load_role) -> None:
    loaded = load_role({"roles/x.yaml": ROLE + "apply: {email: j.doe+jobs@mail.x.example}\n"})
    assert loaded.role.apply.email == "j.doe+jobs@mail.x.example"
