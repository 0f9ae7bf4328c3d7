"""The role file schema: what a role, its hiring plan and the company may say.

- :mod:`jdgen.model.base`: the strict base model and checked types (ids, links, dates);
- :mod:`jdgen.model.role`: a role and the company that hires for it;
- :mod:`jdgen.model.hiring`: competencies, interview stages and the question bank.
"""

from jdgen.model.base import (
    LEVELS,
    PERIODS,
    ROLE_ID,
    Date,
    Email,
    EmploymentType,
    Id,
    Level,
    Model,
    Period,
    Url,
    Workplace,
    slug,
)
from jdgen.model.hiring import (
    BankQuestion,
    Competency,
    Hiring,
    Question,
    QuestionBank,
    Stage,
    StageKind,
)
from jdgen.model.role import (
    Apply,
    Certification,
    Company,
    Education,
    ExperienceYears,
    Location,
    PayRange,
    Requirement,
    Requirements,
    Role,
    Salary,
    VariablePay,
)

__all__ = [
    "LEVELS",
    "PERIODS",
    "ROLE_ID",
    "Apply",
    "BankQuestion",
    "Certification",
    "Company",
    "Competency",
    "Date",
    "Education",
    "Email",
    "EmploymentType",
    "ExperienceYears",
    "Hiring",
    "Id",
    "Level",
    "Location",
    "Model",
    "PayRange",
    "Period",
    "Question",
    "QuestionBank",
    "Requirement",
    "Requirements",
    "Role",
    "Salary",
    "Stage",
    "StageKind",
    "Url",
    "VariablePay",
    "Workplace",
    "slug",
]
