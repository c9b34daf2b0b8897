"""The demo framework: a regional indicator set written for the demo site.

The questions are our own short wording for the demo and are not taken from any MIPEX or
MIPEX-REG questionnaire. Each indicator has three answer options scored 100, 50 and 0
unless it lists its own; an indicator with parts is a composite scored from them.
"""

from dataclasses import dataclass, field

FRAMEWORK_NAME = "MIPEX-REG demo"
FRAMEWORK_SLUG = "mipex-reg-demo"

# (code, label, score)
Option = tuple[str, str, float]

DEFAULT_OPTIONS: tuple[Option, ...] = (
    ("a", "Yes, for all residents with a migrant background", 100),
    ("b", "Partly, or only for some groups", 50),
    ("c", "No", 0),
)


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    title: str
    question: str
    competence: str = "regional"
    tags: tuple[str, ...] = ()
    options: tuple[Option, ...] = DEFAULT_OPTIONS
    parts: tuple["DemoIndicator", ...] = ()


@dataclass(frozen=True)
class DemoDimension:
    code: str
    name: str
    indicators: tuple[DemoIndicator, ...]


@dataclass(frozen=True)
class DemoArea:
    code: str
    name: str
    description: str
    # Code of the comparable policy area in the national MIPEX framework.
    national_area: str
    dimensions: tuple[DemoDimension, ...] = field(default_factory=tuple)


def _i(code: str, title: str, question: str, **kwargs) -> DemoIndicator:
    return DemoIndicator(code, title, question, **kwargs)


AREAS: tuple[DemoArea, ...] = (
    DemoArea(
        "lm",
        "Labour market mobility",
        "Regional employment services, training and recognition of skills.",
        "a",
        (
            DemoDimension(
                "lm1",
                "Access to regional employment support",
                (
                    _i(
                        "lm01",
                        "Regional job centres",
                        "Can newcomers register with the regional public employment service on the same terms as nationals?",
                        tags=("stage:access", "target:all"),
                    ),
                    _i(
                        "lm02",
                        "Career guidance",
                        "Does the region offer career guidance adapted to people who arrived recently?",
                        tags=("stage:support", "target:newcomers"),
                    ),
                    _i(
                        "lm03",
                        "Self-employment support",
                        "Are regional start-up grants and advice open to foreign residents?",
                        tags=("stage:access", "target:all"),
                    ),
                ),
            ),
            DemoDimension(
                "lm2",
                "Skills and recognition",
                (
                    _i(
                        "lm04",
                        "Recognition advice",
                        "Is there a regional service that helps people get foreign qualifications recognised?",
                        tags=("stage:support", "target:all"),
                    ),
                    _i(
                        "lm05",
                        "Bridging courses",
                        "Does the region fund bridging courses for regulated professions?",
                        tags=("stage:support", "target:newcomers"),
                    ),
                    _i(
                        "lm06",
                        "Vocational training",
                        "Can foreign residents join regionally funded vocational training?",
                        competence="shared",
                        tags=("stage:access", "target:all"),
                    ),
                ),
            ),
        ),
    ),
    DemoArea(
        "fr",
        "Family reunion",
        "Regional support to families who join a resident.",
        "b",
        (
            DemoDimension(
                "fr1",
                "Support to reunited families",
                (
                    _i(
                        "fr01",
                        "Information for sponsors",
                        "Does the region inform residents about how to bring family members?",
                        tags=("stage:information", "target:families"),
                    ),
                    _i(
                        "fr02",
                        "Pre-arrival orientation",
                        "Are family members offered orientation before or on arrival?",
                        tags=("stage:support", "target:families"),
                    ),
                    _i(
                        "fr03",
                        "Housing advice",
                        "Does the region advise families on meeting housing conditions?",
                        competence="shared",
                        tags=("stage:support", "target:families"),
                    ),
                    _i(
                        "fr04",
                        "Language courses for family members",
                        "Are free language courses open to newly arrived family members?",
                        tags=("stage:support", "target:families"),
                    ),
                    _i(
                        "fr05",
                        "Autonomous status guidance",
                        "Do regional services explain how family members can get a permit of their own?",
                        competence="national",
                        tags=("stage:information", "target:families"),
                    ),
                ),
            ),
        ),
    ),
    DemoArea(
        "ed",
        "Education",
        "Access, targeted support and intercultural education in regional schools.",
        "c",
        (
            DemoDimension(
                "ed1",
                "Access to education",
                (
                    _i(
                        "ed01",
                        "Pre-school places",
                        "Do children of all residents have the same access to pre-school places?",
                        tags=("stage:access", "target:children"),
                    ),
                    _i(
                        "ed02",
                        "Enrolment of undocumented pupils",
                        "Can pupils enrol in school whatever their residence status?",
                        tags=("stage:access", "target:children"),
                    ),
                ),
            ),
            DemoDimension(
                "ed2",
                "Targeted support",
                (
                    _i(
                        "ed03",
                        "Language support in school",
                        "Do newly arrived pupils receive extra tuition in the language of instruction?",
                        tags=("stage:support", "target:children"),
                    ),
                    _i(
                        "ed04",
                        "Mother-tongue teaching",
                        "Does the region fund teaching of pupils' home languages?",
                        tags=("stage:support", "target:children"),
                    ),
                    _i(
                        "ed05",
                        "Teacher training",
                        "Is intercultural education part of regional teacher training?",
                        parts=(
                            _i(
                                "ed05a",
                                "Initial teacher training",
                                "Is it part of initial training?",
                                tags=("stage:support", "target:all"),
                            ),
                            _i(
                                "ed05b",
                                "In-service teacher training",
                                "Is it part of in-service training?",
                                tags=("stage:support", "target:all"),
                            ),
                        ),
                    ),
                ),
            ),
            DemoDimension(
                "ed3",
                "Intercultural education",
                (
                    _i(
                        "ed06",
                        "Curriculum",
                        "Does the regional curriculum reflect the diversity of the population?",
                        tags=("stage:support", "target:all"),
                    ),
                    _i(
                        "ed07",
                        "Parents' involvement",
                        "Are schools supported to involve migrant parents?",
                        tags=("stage:support", "target:families"),
                    ),
                ),
            ),
        ),
    ),
    DemoArea(
        "pp",
        "Political participation",
        "Voting rights, consultative bodies and support for migrant organisations.",
        "d",
        (
            DemoDimension(
                "pp1",
                "Electoral rights",
                (
                    _i(
                        "pp01",
                        "Local voting rights",
                        "Can foreign residents vote in local elections?",
                        competence="national",
                        tags=("stage:access", "target:all"),
                    ),
                    _i(
                        "pp02",
                        "Regional voting rights",
                        "Can foreign residents vote in regional elections?",
                        competence="shared",
                        tags=("stage:access", "target:all"),
                    ),
                ),
            ),
            DemoDimension(
                "pp2",
                "Consultation and support",
                (
                    _i(
                        "pp03",
                        "Consultative body",
                        "Is there an elected regional consultative body of foreign residents?",
                        tags=("stage:access", "target:all"),
                    ),
                    _i(
                        "pp04",
                        "Funding for associations",
                        "Does the region fund migrant organisations?",
                        tags=("stage:support", "target:all"),
                    ),
                    _i(
                        "pp05",
                        "Information on rights",
                        "Does the region inform residents about their political rights?",
                        tags=("stage:information", "target:all"),
                    ),
                ),
            ),
        ),
    ),
    DemoArea(
        "pr",
        "Permanent residence",
        "Regional help towards long-term residence.",
        "e",
        (
            DemoDimension(
                "pr1",
                "Eligibility support",
                (
                    _i(
                        "pr01",
                        "Counting residence periods",
                        "Do regional records help applicants prove their years of residence?",
                        competence="shared",
                        tags=("stage:support", "target:all"),
                    ),
                ),
            ),
            DemoDimension(
                "pr2",
                "Conditions",
                (
                    _i(
                        "pr02",
                        "Language requirement support",
                        "Are free courses offered to reach the language level required for long-term residence?",
                        tags=("stage:support", "target:all"),
                    ),
                    _i(
                        "pr03",
                        "Income requirement",
                        "Do regional benefits count towards the income required?",
                        competence="shared",
                        tags=("stage:access", "target:all"),
                    ),
                ),
            ),
            DemoDimension(
                "pr3",
                "Security of status",
                (
                    _i(
                        "pr04",
                        "Legal advice",
                        "Does the region fund legal advice on renewing permits?",
                        tags=("stage:support", "target:all"),
                    ),
                    _i(
                        "pr05",
                        "Absence from the region",
                        "Do regional rules keep residence rights after stays abroad?",
                        competence="national",
                        tags=("stage:access", "target:all"),
                    ),
                ),
            ),
            DemoDimension(
                "pr4",
                "Rights attached",
                (
                    _i(
                        "pr06",
                        "Social assistance",
                        "Do long-term residents get regional social assistance on equal terms?",
                        tags=("stage:access", "target:all"),
                    ),
                    _i(
                        "pr07",
                        "Social housing",
                        "Do long-term residents have equal access to social housing?",
                        tags=("stage:access", "target:all"),
                    ),
                ),
            ),
        ),
    ),
    DemoArea(
        "an",
        "Access to nationality",
        "Regional support for naturalisation.",
        "f",
        (
            DemoDimension(
                "an1",
                "Support for applicants",
                (
                    _i(
                        "an01",
                        "Naturalisation information",
                        "Do regional offices inform residents about naturalisation?",
                        tags=("stage:information", "target:all"),
                    ),
                    _i(
                        "an02",
                        "Test preparation",
                        "Are free courses offered to prepare for citizenship tests?",
                        tags=("stage:support", "target:all"),
                    ),
                    _i(
                        "an03",
                        "Fee support",
                        "Does the region help with naturalisation fees?",
                        tags=("stage:support", "target:all"),
                    ),
                    _i(
                        "an04",
                        "Ceremonies",
                        "Does the region hold citizenship ceremonies?",
                        tags=("stage:information", "target:all"),
                    ),
                ),
            ),
        ),
    ),
    DemoArea(
        "ad",
        "Anti-discrimination",
        "Regional anti-discrimination law, equality body and policies.",
        "g",
        (
            DemoDimension(
                "ad1",
                "Regional law",
                (
                    _i(
                        "ad01",
                        "Grounds covered",
                        "Does regional law forbid discrimination on grounds of ethnicity, religion and nationality?",
                        tags=("stage:access", "target:all"),
                    ),
                ),
            ),
            DemoDimension(
                "ad2",
                "Fields covered",
                (
                    _i(
                        "ad02",
                        "Public services",
                        "Does the protection cover regional public services?",
                        tags=("stage:access", "target:all"),
                    ),
                    _i(
                        "ad03",
                        "Housing",
                        "Does the protection cover housing?",
                        competence="shared",
                        tags=("stage:access", "target:all"),
                    ),
                ),
            ),
            DemoDimension(
                "ad3",
                "Enforcement",
                (
                    _i(
                        "ad04",
                        "Complaint procedure",
                        "Can victims file a complaint with a regional body?",
                        tags=("stage:support", "target:all"),
                    ),
                    _i(
                        "ad05",
                        "Sanctions",
                        "Can the regional body impose sanctions?",
                        tags=("stage:support", "target:all"),
                    ),
                ),
            ),
            DemoDimension(
                "ad4",
                "Equality policies",
                (
                    _i(
                        "ad06",
                        "Equality body",
                        "Is there an independent regional equality body?",
                        tags=("stage:support", "target:all"),
                    ),
                    _i(
                        "ad07",
                        "Equality duty",
                        "Must regional authorities promote equality in their work?",
                        tags=("stage:support", "target:all"),
                    ),
                ),
            ),
        ),
    ),
    DemoArea(
        "he",
        "Health",
        "Entitlement, access and responsiveness of regional health services.",
        "h",
        (
            DemoDimension(
                "he1",
                "Entitlements",
                (
                    _i(
                        "he01",
                        "Coverage of residents",
                        "Are all legal residents covered by the regional health service?",
                        tags=("stage:access", "target:all"),
                    ),
                    _i(
                        "he02",
                        "Coverage of undocumented people",
                        "Do undocumented people get more than emergency care?",
                        tags=("stage:access", "target:undocumented"),
                    ),
                ),
            ),
            DemoDimension(
                "he2",
                "Accessibility",
                (
                    _i(
                        "he03",
                        "Information on entitlements",
                        "Does the region inform migrants about their health entitlements?",
                        tags=("stage:information", "target:all"),
                    ),
                    _i(
                        "he04",
                        "Health mediators",
                        "Does the region employ cultural mediators in health services?",
                        tags=("stage:support", "target:all"),
                    ),
                ),
            ),
            DemoDimension(
                "he3",
                "Responsive services",
                (
                    _i(
                        "he05",
                        "Interpreting",
                        "Is interpreting free of charge for patients?",
                        tags=("stage:support", "target:all"),
                    ),
                    _i(
                        "he06",
                        "Staff training",
                        "Are health staff trained in cultural competence?",
                        tags=("stage:support", "target:all"),
                    ),
                ),
            ),
            DemoDimension(
                "he4",
                "Measures for change",
                (
                    _i(
                        "he07",
                        "Data collection",
                        "Does regional health data allow migrants' health to be monitored?",
                        tags=("stage:information", "target:all"),
                    ),
                    _i(
                        "he08",
                        "Involving migrants",
                        "Are migrants involved in designing health services?",
                        tags=("stage:support", "target:all"),
                    ),
                ),
            ),
        ),
    ),
)

DEMO_REGIONS = ("ES51", "ITI1", "SE224", "ES61", "ES62", "EL41", "EL63", "FRH0", "DE80")
