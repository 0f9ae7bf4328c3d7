"""schema.org JobPosting data: its shape, its escaping, and that the page shows all of it."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from babel.dates import format_date

from jdgen.build.runner import BuildOptions, build
from jdgen.load.workspace import Workspace
from jdgen.model import Role
from jdgen.money import money
from jdgen.publish.jobposting import job_posting, script_json

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden" / "workspace"
ROLE_IDS = ("key-account-manager", "support-specialist")

# The subset of schema.org JobPosting that jdgen writes, with Google's required properties.
QUANTITY = {
    "type": "object",
    "properties": {
        "@type": {"const": "QuantitativeValue"},
        "minValue": {"type": "number", "exclusiveMinimum": 0},
        "maxValue": {"type": "number", "exclusiveMinimum": 0},
        "value": {"type": "number", "exclusiveMinimum": 0},
        "unitText": {"enum": ["YEAR", "MONTH", "HOUR"]},
    },
    "required": ["@type", "unitText"],
    "oneOf": [{"required": ["minValue", "maxValue"]}, {"required": ["value"]}],
    "additionalProperties": False,
}
CREDENTIAL = {
    "type": "object",
    "properties": {
        "@type": {"const": "EducationalOccupationalCredential"},
        "credentialCategory": {
            "enum": [
                "high school",
                "associate degree",
                "bachelor degree",
                "professional certificate",
                "postgraduate degree",
            ]
        },
    },
    "required": ["@type", "credentialCategory"],
    "additionalProperties": False,
}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
JOB_POSTING = {
    "type": "object",
    "properties": {
        "@context": {"const": "https://schema.org/"},
        "@type": {"const": "JobPosting"},
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string", "pattern": "^<"},
        "datePosted": DATE,
        "validThrough": DATE,
        "employmentType": {"enum": ["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN"]},
        "hiringOrganization": {
            "type": "object",
            "properties": {
                "@type": {"const": "Organization"},
                "name": {"type": "string", "minLength": 1},
                "sameAs": {"type": "string", "pattern": "^https?://"},
            },
            "required": ["@type", "name"],
            "additionalProperties": False,
        },
        "identifier": {
            "type": "object",
            "properties": {
                "@type": {"const": "PropertyValue"},
                "name": {"type": "string"},
                "value": {"type": "string"},
            },
            "required": ["@type", "name", "value"],
            "additionalProperties": False,
        },
        "jobLocation": {
            "type": "object",
            "properties": {
                "@type": {"const": "Place"},
                "address": {
                    "type": "object",
                    "properties": {
                        "@type": {"const": "PostalAddress"},
                        "streetAddress": {"type": "string"},
                        "addressLocality": {"type": "string"},
                        "addressRegion": {"type": "string"},
                        "postalCode": {"type": "string"},
                        "addressCountry": {"type": "string", "pattern": "^[A-Z]{2}$"},
                    },
                    "required": ["@type"],
                    "minProperties": 2,
                    "additionalProperties": False,
                },
            },
            "required": ["@type", "address"],
            "additionalProperties": False,
        },
        "jobLocationType": {"const": "TELECOMMUTE"},
        "applicantLocationRequirements": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "properties": {"@type": {"const": "Country"}, "name": {"type": "string"}},
                "required": ["@type", "name"],
                "additionalProperties": False,
            },
        },
        "baseSalary": {
            "type": "object",
            "properties": {
                "@type": {"const": "MonetaryAmount"},
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                "value": QUANTITY,
            },
            "required": ["@type", "currency", "value"],
            "additionalProperties": False,
        },
        "educationRequirements": {
            "oneOf": [CREDENTIAL, {"type": "array", "minItems": 2, "items": CREDENTIAL}]
        },
        "experienceRequirements": {
            "type": "object",
            "properties": {
                "@type": {"const": "OccupationalExperienceRequirements"},
                "monthsOfExperience": {"type": "integer", "minimum": 1},
            },
            "required": ["@type", "monthsOfExperience"],
            "additionalProperties": False,
        },
        "occupationalCategory": {"type": "string"},
    },
    "required": ["@context", "@type", "title", "description", "datePosted", "hiringOrganization"],
    "anyOf": [
        {"required": ["jobLocation"]},
        {"required": ["jobLocationType", "applicantLocationRequirements"]},
    ],
    "dependentRequired": {"jobLocationType": ["applicantLocationRequirements"]},
    "additionalProperties": False,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("jsonld")
    report = build(Workspace(GOLDEN), None, BuildOptions(out, ("html", "json")))
    assert [o.errors for o in report.outcomes] == [[], []]
    return out


def embedded(page: str) -> dict[str, Any]:
    """The JSON-LD of a page, parsed."""
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(script)


class _Text(HTMLParser):
    """A page's visible text (no head, script or style), and its link targets."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hrefs: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "script", "style"):
            self._hidden += 1
        self.hrefs.extend(value for name, value in attrs if name == "href" and value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible(page: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split()), parser.hrefs


def leaves(value: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in leaves(v, (*path, k))]
    if isinstance(value, list):
        return [leaf for v in value for leaf in leaves(v, path)]
    return [(path, value)]


# How the page words a value the JSON-LD gives as a code.
SHOWN_AS = {
    "FULL_TIME": "Full-time",
    "PART_TIME": "Part-time",
    "YEAR": "per year",
    "HOUR": "per hour",
    "TELECOMMUTE": "Remote",
    "US": "United States",
    "ES": "Spain",
    "PT": "Portugal",
    "high school": "High school diploma",
}


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_the_json_ld_has_the_jobposting_shape(built: Path, role_id: str) -> None:
    data = json.loads((built / role_id / "posting.json").read_text())
    jsonschema.validate(data, JOB_POSTING, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_the_page_embeds_the_same_data_as_posting_json(built: Path, role_id: str) -> None:
    page = (built / role_id / "posting.html").read_text()
    assert embedded(page) == json.loads((built / role_id / "posting.json").read_text())


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_everything_in_the_json_ld_is_visible_on_the_page(built: Path, role_id: str) -> None:
    page = (built / role_id / "posting.html").read_text()
    data = embedded(page)
    text, hrefs = visible(page)
    currency = data["baseSalary"]["currency"]
    missing = []
    for path, value in leaves(data):
        key = path[-1]
        if key.startswith("@"):
            continue  # schema.org vocabulary, not content
        if key == "description":  # the same words (inline tags may change the spacing)
            shown = "".join(visible(value)[0].split()) in "".join(text.split())
        elif path == ("identifier", "value"):
            shown = f"Reference: {value}" in text
        elif key == "sameAs":
            shown = value in hrefs
        elif key in ("datePosted", "validThrough"):
            day = format_date(dt.date.fromisoformat(value), format="long", locale="en_US")
            shown = day in text
        elif key in ("minValue", "maxValue", "value") and path[0] == "baseSalary":
            shown = money(value, currency, "en_US") in text
        elif key == "monthsOfExperience":
            shown = re.search(rf"\b{value // 12}(–\d+)?\+? years", text) is not None
        elif key == "currency":
            shown = money(1, value, "en_US").replace("1", "") in text
        else:
            shown = str(SHOWN_AS.get(value, value)) in text
        if not shown:
            missing.append((path, value))
    assert missing == []


def test_role_text_cannot_close_the_script(make_workspace, tmp_path: Path) -> None:
    title = "Closer </script><script>alert(1)</script> & <!-- Manager"
    ws = make_workspace(
        {
            "roles/x.yaml": f"title: {json.dumps(title)}\nlevel: mid\nlocation: {{city: Reus}}\n"
            "salary: {min: 48000, max: 56000, currency: EUR}\n"
        }
    )
    report = build(ws, None, BuildOptions(tmp_path / "out", ("html",)))
    assert report.failed == [], report.failed[0].messages
    page = (tmp_path / "out/x/posting.html").read_text()
    head = page.split("</head>")[0]
    assert head.count("</script>") == 1
    assert "<!--" not in head and "<script>" not in head
    assert embedded(page)["title"] == title


def test_script_json_escapes_angle_brackets_and_ampersands() -> None:
    text = str(script_json({"t": "</script> & <b>"}))
    assert text == '{\n  "t": "\\u003c/script\\u003e \\u0026 \\u003cb\\u003e"\n}'
    assert json.loads(text) == {"t": "</script> & <b>"}


# -- the mapping, on roles built in memory --------------------------------------------------


def role(**keys: Any) -> Role:
    return Role.model_validate({"title": "Account Manager", "level": "mid", **keys})


def posting(**keys: Any) -> dict[str, Any]:
    return job_posting(
        "account-manager", role(**keys), None, description="<p>x</p>", posted=dt.date(2026, 1, 2)
    )


def test_a_remote_job_says_where_applicants_may_live() -> None:
    data = posting(location={"workplace": "remote", "remote_regions": ["es", "PT"]})
    assert "jobLocation" not in data
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "ES"},
        {"@type": "Country", "name": "PT"},
    ]


def test_an_office_job_has_a_postal_address_and_no_telecommute() -> None:
    data = posting(location={"city": "Girona", "country": "es", "workplace": "hybrid"})
    assert data["jobLocation"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Girona",
        "addressCountry": "ES",
    }
    assert "jobLocationType" not in data


def test_base_salary_is_the_base_band_only() -> None:
    salary = {
        "min": 40000,
        "max": 50000.5,
        "currency": "eur",
        "period": "month",
        "variable": [{"kind": "commission", "min": 1, "max": 2}],
        "equity": "Options",
    }
    data = posting(salary=salary)
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 40000,
            "maxValue": 50000.5,
            "unitText": "MONTH",
        },
    }
    assert "ommission" not in json.dumps(data) and "Options" not in json.dumps(data)


def test_a_single_amount_is_a_value_and_no_currency_means_no_salary() -> None:
    band = posting(salary={"min": 30, "currency": "USD", "period": "hour"})["baseSalary"]
    assert band["value"] == {"@type": "QuantitativeValue", "value": 30, "unitText": "HOUR"}
    assert "baseSalary" not in posting(salary={"min": 30, "max": 40})


@pytest.mark.parametrize(
    ("credentials", "expected"),
    [
        (
            ["bachelor"],
            {"@type": "EducationalOccupationalCredential", "credentialCategory": "bachelor degree"},
        ),
        (
            ["master", "doctorate"],
            {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "postgraduate degree",
            },
        ),
        (
            ["high-school", "certificate"],
            [
                {"@type": "EducationalOccupationalCredential", "credentialCategory": "high school"},
                {
                    "@type": "EducationalOccupationalCredential",
                    "credentialCategory": "professional certificate",
                },
            ],
        ),
    ],
)
def test_education_requirements_name_google_credential_categories(credentials, expected) -> None:
    education = [{"text": c, "credential": c} for c in credentials]
    assert posting(education=education)["educationRequirements"] == expected


def test_preferred_education_and_no_experience_are_left_out() -> None:
    data = posting(
        education=[{"text": "MBA", "credential": "master", "required": False}],
        experience_years={"min": 0, "max": 2},
    )
    assert "educationRequirements" not in data and "experienceRequirements" not in data
    assert posting(experience_years={"min": 2.5})["experienceRequirements"] == {
        "@type": "OccupationalExperienceRequirements",
        "monthsOfExperience": 30,
    }


def test_dates_employment_type_and_occupation() -> None:
    data = posting(
        employment_type="contract",
        apply={"url": "https://example.com/a", "deadline": dt.date(2026, 3, 1)},
        occupational_category="41-3091.00",
    )
    assert (data["datePosted"], data["validThrough"]) == ("2026-01-02", "2026-03-01")
    assert posting(valid_through=dt.date(2026, 2, 1))["validThrough"] == "2026-02-01"
    assert data["employmentType"] == "CONTRACTOR"
    assert data["occupationalCategory"] == "41-3091.00"
    assert "hiringOrganization" not in data and "identifier" not in data
