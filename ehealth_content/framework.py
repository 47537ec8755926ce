"""The competency framework of the French common core of digital-health skills.

The five domains, their order and their hours (28 h in all) follow the arrêté of
10 November 2022 and the DNS référentiel of 23 February 2022.

PROVISIONAL: the competencies below are a *reconstruction* (see
``shared/reference/ehealth-facts.md`` §1.7 b), built from the capacités that Medscape
paraphrased from Annex I and from published course outlines. They are not the legal wording
of the annex. Replace them with the official capacités once Annex I has been copied from the
Journal officiel; the ids must then stay stable or be mapped, since modules cite them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Competency",
    "Domain",
    "Framework",
    "SOCLE",
    "FRAMEWORK_IS_PROVISIONAL",
    "DOMAINS",
    "COMPETENCIES",
    "domain",
    "competency",
]

FRAMEWORK_IS_PROVISIONAL = True
"""True while the competencies are a reconstruction rather than the annex's wording."""


@dataclass(frozen=True, slots=True)
class Competency:
    id: str
    """Stable id, ``D<domain>.<n>``; cited by modules and questions."""
    domain_id: str
    label_fr: str
    label_en: str


@dataclass(frozen=True, slots=True)
class Domain:
    id: str
    """``D1`` … ``D5``."""
    label_fr: str
    label_en: str
    hours: float
    """Hours of the DNS référentiel (23 February 2022); a custom framework's own hours."""
    competencies: tuple[Competency, ...]


@dataclass(frozen=True, slots=True)
class Framework:
    """A set of domains with their hours and competencies: the socle, or a programme's own
    (loaded from a file by :mod:`ehealth_content.framework_file`)."""

    id: str
    """Stable id; a custom framework's answers are grouped under ``<base>/frameworks/<id>/`` in xAPI."""
    title_fr: str
    title_en: str
    domains: tuple[Domain, ...]
    provisional: bool = False
    """True while the competencies are not the wording of the text they come from."""
    source: str | None = None
    """The file it was read from (as the diagnostics name it); None for the built-in socle."""
    _competencies: dict[str, Competency] = field(init=False, repr=False, compare=False, hash=False)
    _domains: dict[str, Domain] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_competencies", {c.id: c for d in self.domains for c in d.competencies})
        object.__setattr__(self, "_domains", {d.id: d for d in self.domains})

    @property
    def competencies(self) -> dict[str, Competency]:
        """Every competency by id, in the framework's order (a copy)."""
        return dict(self._competencies)

    @property
    def hours(self) -> float:
        return sum(d.hours for d in self.domains)

    @property
    def is_builtin(self) -> bool:
        return self.source is None

    def domain(self, domain_id: str) -> Domain | None:
        """The domain with this id, or None."""
        return self._domains.get(domain_id)

    def competency(self, competency_id: str) -> Competency | None:
        """The competency with this id, or None."""
        return self._competencies.get(competency_id)


def _domain(domain_id: str, label_fr: str, label_en: str, hours: int, *labels: tuple[str, str]) -> Domain:
    competencies = tuple(Competency(f"{domain_id}.{n}", domain_id, fr, en) for n, (fr, en) in enumerate(labels, 1))
    return Domain(domain_id, label_fr, label_en, hours, competencies)


DOMAINS: tuple[Domain, ...] = (
    _domain(
        "D1",
        "Les données de santé",
        "Health data",
        6,
        ("Qualifier une donnée de santé (RGPD, CNIL)", "Qualify health data (GDPR, CNIL)"),
        (
            "Appliquer le cadre juridique : secret professionnel, partage au sein de l'équipe de "
            "soins, droits du patient",
            "Apply the legal framework: professional secrecy, sharing within the care team, patient rights",
        ),
        ("Garantir l'identitovigilance et utiliser l'INS", "Ensure patient identity vigilance and use the INS"),
        (
            "Connaître l'hébergement des données de santé (HDS) et la sécurité de conservation",
            "Know health data hosting (HDS) and secure storage",
        ),
        ("Accéder aux données et les partager : DMP, Mon espace santé", "Access and share data: DMP, Mon espace santé"),
        (
            "Connaître la réutilisation des données (SNDS, Health Data Hub, entrepôts)",
            "Know the secondary use of data (SNDS, Health Data Hub, data warehouses)",
        ),
        (
            "Connaître les grands enjeux de l'intelligence artificielle en santé",
            "Know the main issues raised by AI in health",
        ),
    ),
    _domain(
        "D2",
        "La cybersécurité en santé",
        "Cybersecurity in health",
        5,
        (
            "Connaître les référentiels de cybersécurité (PGSSI-S, ANSSI)",
            "Know the cybersecurity frameworks (PGSSI-S, ANSSI)",
        ),
        (
            "Reconnaître les actions malveillantes (hameçonnage, rançongiciel, ingénierie sociale)",
            "Recognise malicious actions (phishing, ransomware, social engineering)",
        ),
        (
            "Appliquer les règles d'hygiène numérique (mots de passe, MFA, séparation des usages, mises à jour)",
            "Apply digital hygiene (passwords, MFA, separating personal and work use, updates)",
        ),
        ("Réagir à un incident et le signaler (CERT Santé)", "Respond to an incident and report it (CERT Santé)"),
        ("Travailler en mode dégradé", "Work in degraded mode"),
    ),
    _domain(
        "D3",
        "La communication en santé",
        "Communication in health",
        5,
        ("Identifier les moyens de communication numérique", "Identify the means of digital communication"),
        ("Utiliser MSSanté et la messagerie de Mon espace santé", "Use MSSanté and Mon espace santé messaging"),
        (
            "S'identifier et s'authentifier (CPS, e-CPS, Pro Santé Connect)",
            "Identify and authenticate yourself (CPS, e-CPS, Pro Santé Connect)",
        ),
        (
            "Maîtriser sa présence sur les réseaux sociaux : e-réputation, déontologie",
            "Manage one's presence on social media: e-reputation, professional ethics",
        ),
        (
            "Évaluer la fiabilité de l'information de santé en ligne",
            "Assess the reliability of online health information",
        ),
    ),
    _domain(
        "D4",
        "Les outils numériques en santé",
        "Digital tools in health",
        6,
        (
            "Utiliser le dossier patient informatisé et les logiciels métier",
            "Use the electronic patient record and professional software",
        ),
        ("Connaître la e-prescription", "Know e-prescription"),
        (
            "Utiliser les services socles (DMP, MSSanté, INS, Annuaire santé)",
            "Use the core national services (DMP, MSSanté, INS, Annuaire santé)",
        ),
        (
            "Évaluer les applications, objets connectés et dispositifs médicaux numériques",
            "Assess apps, connected devices and digital medical devices",
        ),
        ("Comprendre l'interopérabilité (CI-SIS, FHIR)", "Understand interoperability (CI-SIS, FHIR)"),
        (
            "Appliquer l'éthique et l'écoresponsabilité du numérique en santé (CENS)",
            "Apply ethics and eco-responsibility in digital health (CENS)",
        ),
    ),
    _domain(
        "D5",
        "La télésanté",
        "Telehealth",
        6,
        (
            "Définir la télésanté : télémédecine et ses cinq actes, télésoin",
            "Define telehealth: telemedicine and its five acts, telecare",
        ),
        ("Connaître le cadre réglementaire et conventionnel", "Know the regulatory and reimbursement framework"),
        (
            "Réunir les conditions de réalisation : identification, authentification, consentement, traçabilité",
            "Meet the conditions: identification, authentication, consent, traceability",
        ),
        ("Conduire un acte ou un projet de télésanté", "Run a telehealth act or project"),
        ("Connaître les limites et les indications de la télésanté", "Know the limits and indications of telehealth"),
    ),
)

COMPETENCIES: dict[str, Competency] = {c.id: c for d in DOMAINS for c in d.competencies}

SOCLE = Framework(
    "socle-numerique-sante",
    "Socle de connaissances et de compétences en santé numérique",
    "Common core of digital-health knowledge and skills",
    DOMAINS,
    provisional=FRAMEWORK_IS_PROVISIONAL,
)
"""The built-in framework: the one in force unless a module or an ``ehealth.toml`` names another."""


def domain(domain_id: str) -> Domain | None:
    """The socle's domain with this id, or None."""
    return SOCLE.domain(domain_id)


def competency(competency_id: str) -> Competency | None:
    """The socle's competency with this id, or None."""
    return SOCLE.competency(competency_id)
