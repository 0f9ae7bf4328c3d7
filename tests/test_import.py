"""``jdgen import`` and ``jdgen lint`` of posting text, through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from jdgen.cli import main
from jdgen.load.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
SHIPPED = ["junior-account-manager", "senior-account-manager", "key-account-manager",
           "strategic-account-manager"]  # fmt: skip


def jdgen(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("shipped")
    shutil.copytree(REPO / "roles", ws / "roles")
    done = jdgen("build", "-C", str(ws), "-f", "md,html,json", "-l", "en")
    assert done.exit_code == 0, done.output
    return ws


def band(role):
    s = role.salary
    return (s.min, s.max, s.currency, s.period)


@pytest.mark.parametrize("name", ["posting.html", "posting.md", "posting.json"])
@pytest.mark.parametrize("role_id", SHIPPED)
def test_round_trip_of_each_shipped_posting(built: Path, tmp_path: Path, role_id, name) -> None:
    (tmp_path / "roles").mkdir()
    done = jdgen("import", "-C", str(tmp_path), str(built / "output" / role_id / name))
    assert done.exit_code == 0, done.output
    original = Workspace(built).load_role(built / "roles" / f"{role_id}.yaml").role
    path = tmp_path / "roles" / f"{role_id}.yaml"
    imported = Workspace(tmp_path).load_role(path).role
    assert imported.title == original.title
    assert imported.level == original.level
    assert band(imported) == band(original)
    assert imported.duties == original.duties
    for group in ("must", "nice"):
        mine = [r.text for r in getattr(imported.requirements, group)]
        assert mine == [r.text for r in getattr(original.requirements, group)]
    assert jdgen("build", "-C", str(tmp_path), "-f", "md,json").exit_code == 0
    data = json.loads((tmp_path / "output" / role_id / "posting.json").read_text())
    theirs = json.loads((built / "output" / role_id / "posting.json").read_text())
    assert data["title"] == theirs["title"]
    assert data["baseSalary"] == theirs["baseSalary"]


DESCRIPTION = (
    "<p>Join our <strong>customer team</strong> in Madrid.</p><h3>Responsibilities</h3>"
    "<ul><li>Manage a portfolio of 40 accounts</li><li>Run quarterly reviews</li></ul>"
    "<h3>Qualifications</h3><ul><li>Three years in account management</li></ul>"
    "<h3>Nice to have</h3><ul><li>Spanish at C1 level</li></ul>"
    "<h3>Benefits</h3><ul><li>Private health insurance</li></ul>"
)


def page(job: dict | None, body: str) -> str:
    script = f'<script type="application/ld+json">{json.dumps(job)}</script>' if job else ""
    return (
        f"<!doctype html><html><head><title>Careers</title>{script}</head><body>"
        f"<header><nav><a href='/'>Home</a> Jobs</nav></header>{body}"
        "<footer>© Example Ltd · Privacy</footer></body></html>"
    )


JOB = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    "title": "Senior Account Manager",
    "datePosted": "2026-11-01",
    "validThrough": "2026-12-31T23:59",
    "employmentType": "FULL_TIME",
    "hiringOrganization": {"@type": "Organization", "name": "Example"},
    "jobLocation": {"@type": "Place", "address": {"addressLocality": "Madrid",
                                                  "addressCountry": "ES"}},
    "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR",
                   "value": {"@type": "QuantitativeValue", "minValue": 38000,
                             "maxValue": 46000, "unitText": "YEAR"}},
}  # fmt: skip


def imported(tmp_path: Path, name: str, content: str | bytes, *extra: str) -> dict:
    import yaml

    source = tmp_path / name
    source.write_bytes(content if isinstance(content, bytes) else content.encode())
    (tmp_path / "ws" / "roles").mkdir(parents=True, exist_ok=True)
    done = jdgen("import", "-C", str(tmp_path / "ws"), str(source), "--id", "role", *extra)
    assert done.exit_code == 0, done.output
    path = tmp_path / "ws" / "roles" / "role.yaml"
    Workspace(tmp_path / "ws").load_role(path)  # schema-valid
    return yaml.safe_load(path.read_text()) | {"_text": path.read_text(), "_out": done.output}


def test_json_ld_with_html_description(tmp_path: Path) -> None:
    role = imported(tmp_path, "job.html", page(JOB | {"description": DESCRIPTION}, "<main/>"))
    assert role["title"] == "Senior Account Manager"
    assert role["salary"] == {"min": 38000, "max": 46000, "currency": "EUR", "period": "year"}
    assert role["duties"] == ["Manage a portfolio of 40 accounts", "Run quarterly reviews"]
    assert role["requirements"] == {"must": ["Three years in account management"],
                                    "nice": ["Spanish at C1 level"]}  # fmt: skip
    assert role["benefits"] == ["Private health insurance"]
    assert role["location"] == {"city": "Madrid", "country": "ES"}
    assert str(role["date_posted"]) == "2026-11-01" and str(role["valid_through"]) == "2026-12-31"
    assert "level: senior  # guessed: from the title's words" in role["_text"]


def test_json_ld_with_plain_text_description(tmp_path: Path) -> None:
    text = "We look after our customers.\n\nRequirements:\n- Two years in sales\n- A CRM system"
    remote = {"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": [
        {"@type": "Country", "name": "Spain"}, {"@type": "Country", "name": "PT"}]}  # fmt: skip
    role = imported(tmp_path, "job.html", page(JOB | remote | {"description": text}, ""))
    assert role["location"]["workplace"] == "remote"
    assert role["location"]["remote_regions"] == ["ES", "PT"]
    assert role["experience_years"] == {"min": 2}
    assert role["requirements"]["must"] == ["Two years in sales", "A CRM system"]
    assert role["summary"] == "We look after our customers."


def test_a_page_without_json_ld_is_read_from_its_main_text(tmp_path: Path) -> None:
    body = (
        "<main><h1>Junior Account Manager</h1><p>Salary: $80,000–$100,000 per year</p>"
        "<h2>What you'll do</h2><ul><li>Call customers every week</li></ul>"
        "<h2>Requirements</h2><ul><li>A year in a customer-facing job</li></ul>"
        "<h2>Our culture</h2><p>We like ping-pong.</p></main>"
    )
    role = imported(tmp_path, "job.htm", page(None, body))
    assert role["title"] == "Junior Account Manager" and role["level"] == "junior"
    assert role["salary"] == {"min": 80000, "max": 100000, "currency": "USD", "period": "year"}
    assert role["duties"] == ["Call customers every week"]
    assert "Home" not in role["_text"] and "Privacy" not in role["_text"]
    assert "#   ## Our culture" in role["_text"] and "#   We like ping-pong." in role["_text"]
    assert "left over: 2 pieces of text" in role["_out"]


def test_a_docx_made_with_python_docx(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Account Manager", 0)
    document.add_paragraph("Pay: 45k-55k EUR")
    document.add_heading("Funciones", 1)
    document.add_paragraph("Gestionar una cartera de clientes", style="List Bullet")
    document.add_heading("Requisitos", 1)
    document.add_paragraph("2 años de experiencia en ventas", style="List Bullet")
    document.add_heading("Se valorará", 1)
    document.add_paragraph("Inglés alto", style="List Bullet")
    document.save(tmp_path / "job.docx")
    role = imported(tmp_path, "job.docx", (tmp_path / "job.docx").read_bytes())
    assert role["title"] == "Account Manager"
    assert role["salary"]["min"] == 45000 and role["salary"]["max"] == 55000
    assert role["duties"] == ["Gestionar una cartera de clientes"]
    assert role["requirements"]["nice"] == ["Inglés alto"]
    assert role["experience_years"] == {"min": 2}


def test_spanish_and_catalan_postings(tmp_path: Path) -> None:
    es = ("# Gestor de cuentas sénior\n\n## Funciones\n\n- Visitar a los clientes\n\n"
          "## Requisitos\n\n- Cinco años de experiencia\n\n## Se valorará\n\n- Catalán\n\n"
          "## Ofrecemos\n\n- Seguro médico\n- 38.000 € - 46.000 € brutos anuales\n")  # fmt: skip
    role = imported(tmp_path, "es.md", es)
    assert role["level"] == "senior" and role["duties"] == ["Visitar a los clientes"]
    assert role["requirements"] == {"must": ["Cinco años de experiencia"], "nice": ["Catalán"]}
    assert role["salary"] == {"min": 38000, "max": 46000, "currency": "EUR", "period": "year"}
    assert "Seguro médico" in role["benefits"]
    ca = ("Gestor/a de comptes\n\nFuncions:\n- Visitar els clients\n\nRequisits:\n"
          "- Tres anys d'experiència\n\nEs valorarà:\n- Anglès\n\nOferim:\n- Horari flexible\n")  # fmt: skip
    role = imported(tmp_path, "ca.txt", ca, "--force")
    assert role["title"] == "Gestor/a de comptes"
    assert role["duties"] == ["Visitar els clients"]
    assert role["requirements"] == {"must": ["Tres anys d'experiència"], "nice": ["Anglès"]}
    assert role["benefits"] == ["Horari flexible"]


def test_import_never_overwrites_and_bad_input_writes_nothing(tmp_path: Path) -> None:
    imported(tmp_path, "a.md", "# Account Manager\n\nText.\n")
    again = jdgen("import", "-C", str(tmp_path / "ws"), str(tmp_path / "a.md"), "--id", "role")
    assert again.exit_code == 1 and "already exists" in again.output
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "empty.html").write_text("<html><body><script>x()</script></body></html>")
    for name in ("bad.docx", "empty.html"):
        done = jdgen("import", "-C", str(tmp_path / "ws"), str(tmp_path / name), "--id", "x")
        assert done.exit_code == 1
        assert done.output.count("\n") == 1 and f"{name}:1:1: error" in done.output
    assert not (tmp_path / "ws" / "roles" / "x.yaml").exists()


def test_stdin_with_format(tmp_path: Path) -> None:
    (tmp_path / "roles").mkdir()
    done = jdgen("import", "-C", str(tmp_path), "-", "--format", "json", input=json.dumps(JOB))
    assert done.exit_code == 0, done.output
    assert (tmp_path / "roles" / "senior-account-manager.yaml").is_file()


POSTING = """# Rockstar Account Manager

We want a young and energetic team player who can dominate the market.

## Requirements

- Three years in account management
"""


def test_text_that_looks_like_yaml_is_written_so_that_it_loads_as_it_was(tmp_path: Path) -> None:
    tricky = ["- not: a mapping", "null", "yes", "'quoted' and \"double\"", "# not a comment",
              "key: value", "@at the start", "100", "2026-01-01", "ends with a colon:x",
              "tab\there", "jdgen: disable=vague-title"]  # fmt: skip
    text = "# Account Manager\n\n## Responsibilities\n\n" + "".join(f"- {t}\n" for t in tricky)
    text += "\n## Our culture\n\n# jdgen: disable-file=vague-title\n"
    role = imported(tmp_path, "tricky.md", text)
    assert role["duties"] == [" ".join(t.split()) for t in tricky]
    assert "jdgen: disable" not in role["_text"].split("# ----")[-1]
    huge = "# Account Manager\n\n## Pay\n\n- Salary: $1e30 a year\n"
    assert imported(tmp_path, "huge.md", huge, "--force")["title"] == "Account Manager"


def test_a_large_saved_page_is_read(tmp_path: Path) -> None:
    padding = "<style>" + "x{color:red}" * 150_000 + "</style>"  # 1.8 MB, as saved pages are
    body = padding + "<main><h1>Account Manager</h1><h2>Requirements</h2><ul><li>CRM</li></ul>"
    role = imported(tmp_path, "big.html", page(None, body + "</main>"))
    assert role["requirements"] == {"must": ["CRM"]}


@pytest.mark.parametrize(
    "sentence",
    ["Buscamos un chico joven y dinámico, menor de 30 años.",
     "We want someone under 30 years of age.", "Candidates should be 25 years old or younger.",
     "Busquem algú de menys de 30 anys.", "Personas de 25 a 35 años de edad."],
)  # fmt: skip
def test_an_age_is_never_experience_and_the_sentence_is_kept(tmp_path: Path, sentence) -> None:
    from jdgen.importer.values import find_years

    assert find_years(sentence) is None
    role = imported(tmp_path, "age.md", f"# Vendedor\n\n{sentence}\n")
    assert "experience_years" not in role and role["level"] == "mid"
    assert role["summary"] == sentence


def test_experience_is_still_read_next_to_the_age_rules() -> None:
    from jdgen.importer.values import find_years

    assert find_years("At least 3 years in sales") == (3, None)
    assert find_years("De 3 a 5 años de experiencia") == (3, 5)
    assert find_years("Five years with young companies or startups") == (5, None)


@pytest.mark.parametrize("name", ["posting.html", "posting.json"])
def test_variable_pay_of_a_built_page_is_read_as_variable_pay(built: Path, tmp_path, name) -> None:
    import yaml

    (tmp_path / "roles").mkdir()
    for shared in (REPO / "roles").glob("_*.yaml"):
        shutil.copy(shared, tmp_path / "roles")
    source = built / "output" / "strategic-account-manager" / name
    assert jdgen("import", "-C", str(tmp_path), str(source)).exit_code == 0
    path = tmp_path / "roles" / "strategic-account-manager.yaml"
    role = yaml.safe_load(path.read_text())
    assert role["salary"]["variable"] == [{"kind": "bonus", "description": "Paid yearly, tied to "
                                           "account growth and the goals in your account "
                                           "strategies."}]  # fmt: skip
    assert not [b for b in role["benefits"] if "Bonus" in b or "Paid yearly" in b]
    assert "instructions" not in role["apply"]  # jdgen's own apply lines give only facts
    assert "equal opportunity employer" in path.read_text().split("# ----")[-1]  # left over
    done = jdgen("lint", "-C", str(tmp_path), str(path))
    assert "[pay-transparency]" not in done.output, done.output


def test_a_bold_label_in_html_is_kept_apart_from_its_text(tmp_path: Path) -> None:
    body = ("<main><h1>Account Manager</h1><h2>Pay and benefits</h2><ul>"
            "<li><strong>Salary</strong> $50,000 – $60,000 per year</li>"
            "<li><b>Comisión</b> Pagada cada trimestre</li><li><strong>Bonus:</strong> Yearly</li>"
            "<li><strong>Profit sharing</strong></li></ul></main>")  # fmt: skip
    role = imported(tmp_path, "pay.html", page(None, body))
    assert role["salary"]["min"] == 50000
    assert role["salary"]["variable"] == [
        {"kind": "commission", "description": "Pagada cada trimestre"},
        {"kind": "bonus", "description": "Yearly"},
    ]


def test_a_line_used_as_pay_is_not_a_requirement_too(tmp_path: Path) -> None:
    text = ("# Account Manager\n\n## Requirements\n\n- Two years in sales\n"
            "- Pay: $80,000–$100,000 per year plus commission\n\n## Benefits\n\n"
            "- Health insurance\n- Salary: $90,000–$110,000 per year\n")  # fmt: skip
    role = imported(tmp_path, "pay.md", text)
    assert role["requirements"] == {"must": ["Two years in sales"]}
    assert role["benefits"] == ["Health insurance"]
    assert role["salary"]["min"] == 80000 and role["salary"]["max"] == 100000
    assert role["salary"]["variable"] == [{"kind": "commission", "description": "plus commission"}]
    assert "#   Salary: $90,000–$110,000 per year" in role["_text"]  # another band: left over


def test_an_apply_link_after_a_pay_line_is_the_apply_url(tmp_path: Path) -> None:
    text = ("Account Manager\n\nRequirements:\n- Two years in sales\n"
            "Pay: $80,000–$100,000 per year plus commission\n"
            "Apply at https://example.com/jobs/1\n")  # fmt: skip
    role = imported(tmp_path, "pay.txt", text)
    assert role["requirements"] == {"must": ["Two years in sales"]}
    assert role["apply"] == {"url": "https://example.com/jobs/1"}
    assert "example.com" not in str(role.get("benefits")) + str(role["salary"])


@pytest.mark.parametrize(("role_id", "reason"), [
    ("key-account-manager", "from the 3–5 years of experience asked for in the JobPosting's "
     "experienceRequirements; the title 'Key Account Manager' is mid, senior or lead"),
    ("strategic-account-manager", "from the 7 years of experience asked for in the JobPosting's "
     "experienceRequirements; the title 'Strategic Account Manager' is senior, lead or principal"),
])  # fmt: skip
def test_the_level_of_json_ld_comes_from_its_experience(built, tmp_path, role_id, reason) -> None:
    (tmp_path / "roles").mkdir()
    source = built / "output" / role_id / "posting.json"
    done = jdgen("import", "-C", str(tmp_path), str(source))
    text = (tmp_path / "roles" / f"{role_id}.yaml").read_text()
    assert f"# guessed: {reason}\n" in text, done.output
    assert "from the title's words" not in text


@pytest.mark.parametrize(
    ("heading", "line"),
    [("Cómo inscribirse", "Envía tu CV a empleo@example.com antes del 15 de enero de 2027."),
     ("Cómo presentar tu candidatura", "Envía tu CV antes del 15 de enero de 2027."),
     ("Com presentar-s'hi", "Envieu el CV a feina@example.com abans del 15 de gener de 2027."),
     ("Com presentar la candidatura", "Envieu el CV abans del 15 de gener de 2027.")],
)  # fmt: skip
@pytest.mark.parametrize("kind", ["md", "txt"])
def test_spanish_and_catalan_how_to_apply(tmp_path: Path, heading, line, kind) -> None:
    if kind == "md":
        text = f"# Comercial\n\n## Funciones\n\n- Visitar clientes\n\n## {heading}\n\n{line}\n"
    else:
        text = f"Comercial\n\nFunciones:\n- Visitar clientes\n\n{heading}:\n{line}\n"
    role = imported(tmp_path, f"apply.{kind}", text)
    assert str(role["apply"]["deadline"]) == "2027-01-15"
    assert str(role["valid_through"]) == "2027-01-15"
    assert role["apply"]["instructions"] == line  # the sentence is kept, not dropped
    assert role["duties"] == ["Visitar clientes"]


def test_bold_words_in_a_paragraph_are_not_a_label(tmp_path: Path) -> None:
    body = ("<main><h1>Account Manager</h1><p><strong>Join</strong> our team in Denver. "
            "Apply at https://example.com/jobs/2 today.</p></main>")  # fmt: skip
    role = imported(tmp_path, "bold.html", page(None, body))
    assert role["summary"].startswith("Join our team in Denver. Apply at https://example.com")
    assert role["apply"] == {"url": "https://example.com/jobs/2"}


@pytest.mark.parametrize("name", ["posting.es.html", "posting.ca.json"])
def test_variable_pay_of_a_spanish_or_catalan_page(tmp_path: Path, name) -> None:
    import yaml

    shutil.copytree(REPO / "roles", tmp_path / "src" / "roles")
    out = tmp_path / "out"
    built = jdgen("build", "-C", str(tmp_path / "src"), "-o", str(out), "-f", "html,json",
                  "-l", "es,ca")  # fmt: skip
    assert built.exit_code == 0, built.output
    (tmp_path / "ws" / "roles").mkdir(parents=True)
    source = out / "key-account-manager" / name
    assert jdgen("import", "-C", str(tmp_path / "ws"), str(source), "--id", "k").exit_code == 0
    role = yaml.safe_load((tmp_path / "ws" / "roles" / "k.yaml").read_text())
    kinds = [v["kind"] for v in role["salary"]["variable"]]
    assert kinds == ["commission", "bonus", "profit-sharing"]
    assert not [b for b in role["benefits"] if b.startswith(("Comisi", "Bonus", "Particip"))]
    assert role["level"] == "senior"
