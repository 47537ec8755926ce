"""French for every diagnostic: English template → French template, with the same placeholders.

Written for instructional designers, not programmers: the words of the French format guide
(docs/authoring-format.fr.md: en-tête, bloc quiz, encadré, banque, clé, identifiant), values
quoted « comme ceci ». Plain spaces before : ; ? ! and inside « » are made no-break on loading
(:func:`ehealth_content.i18n.french_typography`). Braces that are not placeholders are doubled,
as in the English template. tests/unit/test_messages.py checks that every ``t()`` template of
the code is here with the same placeholders.
"""

from __future__ import annotations

__all__ = ["FR"]

FR: dict[str, str] = {
    # How a value reads (describe) and other pieces that go inside messages.
    "nothing": "rien",
    "'{value}'": "« {value} »",
    "the number {value}": "le nombre {value}",
    "the text '{value}'": "le texte « {value} »",
    "a list": "une liste",
    "a mapping": "un ensemble de « clé: valeur »",
    "a value of type {kind}": "une valeur de type {kind}",
    "did you mean '{name}'?": "vouliez-vous dire « {name} » ?",
    "try '{slug}'": "essayez « {slug} »",
    "first used here": "première utilisation ici",
    "image": "l'image",
    "link": "le lien",
    "module id": "l'identifiant du module",
    "question id": "l'identifiant de la question",
    "'points'": "« points »",
    "'mastery_score'": "« mastery_score »",
    "'tolerance'": "« tolerance »",
    "'answer'": "« answer »",
    "the range's minimum": "le minimum de l'intervalle",
    "the range's maximum": "le maximum de l'intervalle",
    "the character {codepoint}": "le caractère {codepoint}",
    "the control character {codepoint}": "le caractère de contrôle {codepoint}",
    # Where an unknown or missing key was found.
    "in the front matter": "dans l'en-tête",
    "in a quiz block": "dans un bloc quiz",
    "in the quiz block": "dans le bloc quiz",
    "for a '{kind}' question": "pour une question « {kind} »",
    "in 'feedback'": "dans « feedback »",
    "in pool '{name}'": "dans la banque « {name} »",
    "in a reference": "dans une référence",
    "in a choice": "dans un choix",
    "in the choice": "dans le choix",
    "in a pair": "dans une paire",
    "in the pair": "dans la paire",
    # Reading the file (E0xx).
    "file too large ({size:,} bytes; at most {limit:,})": "fichier trop gros ({size:,} octets ; au plus {limit:,})",
    "file too large (more than {limit:,} bytes)": "fichier trop gros (plus de {limit:,} octets)",
    "cannot read the file: not a regular file": "impossible de lire le fichier : ce n'est pas un fichier ordinaire",
    "cannot read the file: {reason}": "impossible de lire le fichier : {reason}",
    "binary file: a module is a UTF-8 Markdown text file": (
        "fichier binaire : un module est un fichier texte Markdown enregistré en UTF-8"
    ),
    "not valid UTF-8: byte 0x{byte:02x} cannot start a character": (
        "encodage incorrect : l'octet 0x{byte:02x} ne peut pas commencer un caractère UTF-8"
    ),
    "save the file as UTF-8": "enregistrez le fichier en UTF-8",
    "{character} is not allowed in a module": "{character} n'est pas permis dans un module",
    "delete it: most editors do not show it, and it often comes from a copy and paste": (
        "supprimez-le : la plupart des éditeurs ne l'affichent pas, et il vient souvent d'un copier-coller"
    ),
    # Front matter (E1xx).
    "missing front matter: a module starts with '---', YAML, then '---'": (
        "en-tête manquant : un module commence par une ligne « --- », les clés de l'en-tête, puis une ligne « --- »"
    ),
    "add id, title and version between two '---' lines at the top": (
        "ajoutez id, title et version entre deux lignes « --- » en haut du fichier"
    ),
    "front matter not closed: no '---' line after the YAML": (
        "en-tête non refermé : il manque la ligne « --- » après ses clés"
    ),
    "front matter: {problem}": "en-tête : {problem}",
    "the front matter must be a YAML mapping of keys to values": (
        "l'en-tête doit être une suite de lignes « clé: valeur »"
    ),
    "version '{value}…' is too long: at most {maximum} characters": (
        "la version « {value}… » est trop longue : {maximum} caractères au plus"
    ),
    "version '{value}' is not MAJOR.MINOR.PATCH": (
        "la version « {value} » n'est pas de la forme MAJEURE.MINEURE.CORRECTIVE"
    ),
    "write it like 1.0.0 (quote it if YAML reads it as a number)": (
        "écrivez-la comme 1.0.0 (entre guillemets si elle est lue comme un nombre)"
    ),
    "lang '{value}' is not a BCP 47 language tag": "la langue « {value} » n'est pas un code de langue BCP 47",
    "e.g. fr, en, fr-FR": "par exemple fr, en, fr-FR",
    "lang '{value}': the player's words exist in French (fr) and English (en) only": (
        "langue « {value} » : le lecteur de modules n'existe qu'en français (fr) et en anglais (en)"
    ),
    "write fr or en (a region such as fr-CA is kept)": "écrivez fr ou en (une région comme fr-CA est conservée)",
    "duration '{value}' is too long: at most {hours} hours": "la durée « {value} » est trop longue : {hours} heures au plus",
    "duration '{value}' is not readable": "la durée « {value} » est illisible",
    "write an ISO 8601 duration such as PT1H30M, or '90 min', or '1 h 30'": (
        "écrivez une durée comme « 90 min », « 1 h 30 » ou PT1H30M (format ISO 8601)"
    ),
    "unknown domain '{value}': expected one of {domains}": "domaine « {value} » inconnu : domaines possibles {domains}",
    "unknown competency '{value}'": "compétence « {value} » inconnue",
    "mastery_score must be between 0 and 100, not {value}": "mastery_score doit être entre 0 et 100, et non {value}",
    "'pools' must map each pool name to {{pick: N}}": (
        "« pools » doit donner pour chaque banque son nombre de questions à tirer : nom: {{pick: N}}"
    ),
    "pool '{name}' must be written {{pick: N}}": "la banque « {name} » doit s'écrire {{pick: N}}",
    "'references' must be a list of {{title, url, date}}": (
        "« references » doit être une liste de références {{title, url, date}}"
    ),
    "reference {number} must be {{title, url, date}} or a text": (
        "la référence n° {number} doit être {{title, url, date}} ou un texte"
    ),
    "reference url '{url}' must start with http:// or https://": (
        "l'adresse de référence « {url} » doit commencer par http:// ou https://"
    ),
    "reference date '{value}' must be YYYY, YYYY-MM or YYYY-MM-DD": (
        "la date de référence « {value} » doit s'écrire AAAA, AAAA-MM ou AAAA-MM-JJ"
    ),
    "a reference's 'checked' must be a day, YYYY-MM-DD, not '{value}'": (
        "le « checked » d'une référence doit être un jour AAAA-MM-JJ, et non « {value} »"
    ),
    "review_by '{value}' must be a date, YYYY-MM-DD": "review_by « {value} » doit être une date AAAA-MM-JJ",
    "review date {date} has passed: check the content is still accurate": (
        "la date de révision {date} est passée : vérifiez que le contenu est toujours exact"
    ),
    "review the module, then move review_by forward": "relisez le module, puis repoussez la date review_by",
    "license '{value}' is not an SPDX identifier": "la licence « {value} » n'est pas un identifiant SPDX",
    "e.g. CC-BY-SA-4.0": "par exemple CC-BY-SA-4.0",
    # Typed values (front matter and questions).
    "unknown key '{key}' {where}": "clé « {key} » inconnue {where}",
    "missing '{key}' {where}": "il manque la clé « {key} » {where}",
    "'{key}' must be text, not {value}": "« {key} » doit être un texte, et non {value}",
    "'{key}' is empty": "« {key} » est vide",
    "{what} '{value}' is not a valid id: lowercase letters, digits and '-', starting with a letter or digit, "
    "at most 64 characters": (
        "{what} « {value} » n'est pas valide : lettres minuscules sans accent, chiffres et « - », en commençant "
        "par une lettre ou un chiffre, 64 caractères au plus"
    ),
    "'{key}' must be true or false, not {value}": "« {key} » doit valoir true (vrai) ou false (faux), et non {value}",
    "'{key}' is too large: at most {maximum:,}": "« {key} » est trop grand : {maximum:,} au plus",
    "'{key}' must be a whole number ≥ {minimum}, not {value}": (
        "« {key} » doit être un nombre entier ≥ {minimum}, et non {value}"
    ),
    "{what} must be a number, not {value}": "{what} doit être un nombre, et non {value}",
    "{what} must be a finite number": "{what} doit être un nombre fini",
    "{what} is too large: at most {limit:,g} either side of zero": (
        "{what} est trop grand : au plus {limit:,g} de part et d'autre de zéro"
    ),
    "'{key}' must be one of {options}, not '{value}'": (
        "« {key} » doit valoir l'une de ces valeurs : {options}, et non « {value} »"
    ),
    "'{key}' must be a list, not {value}": "« {key} » doit être une liste, et non {value}",
    "item {number} of '{key}' must be text, not {value}": (
        "l'élément n° {number} de « {key} » doit être un texte, et non {value}"
    ),
    "YAML reads yes, no, on, off, true and false as true/false: put the text in quotes": (
        "yes, no, on, off, true et false sont lus comme vrai ou faux : mettez le texte entre guillemets"
    ),
    "expected text, not {value}": "un texte est attendu, et non {value}",
    "'{key}' needs {minimum} to {maximum} entries, not {count}": (
        "« {key} » doit avoir de {minimum} à {maximum} éléments, et non {count}"
    ),
    # Pages and content (E2xx, E3xx).
    "content before the first page: start the body with a '# Title' heading": (
        "du contenu précède la première page : commencez le corps du module par un titre « # Titre »"
    ),
    "a module needs at least one page: a '# Title' heading": (
        "un module a besoin d'au moins une page : un titre « # Titre »"
    ),
    "page id '{id}' is already used by the page at line {line}": (
        "l'identifiant de page « {id} » est déjà pris par la page de la ligne {line}"
    ),
    "give one of them an explicit id: # Title {{#other-id}}": (
        "donnez à l'une des deux un identifiant explicite : # Titre {{#autre-id}}"
    ),
    "page id '{id}' is not valid: lowercase letters, digits and '-'": (
        "l'identifiant de page « {id} » n'est pas valide : lettres minuscules sans accent, chiffres et « - »"
    ),
    "try {{#{slug}}}": "essayez {{#{slug}}}",
    "the title '{title}' gives no page id": "le titre « {title} » ne donne aucun identifiant de page",
    "add an explicit id: # Title {{#page-id}}": "ajoutez un identifiant explicite : # Titre {{#id-de-page}}",
    "raw HTML is not allowed in a module": "le HTML n'est pas permis dans un module",
    "use Markdown, or set 'allow_html: true' in the front matter": (
        "écrivez en Markdown, ou ajoutez « allow_html: true » dans l'en-tête"
    ),
    "raw HTML {element}: a package never loads anything from outside it": (
        "HTML {element} : un paquet ne charge jamais rien depuis l'extérieur"
    ),
    "download the file into the module folder and refer to it there": (
        "téléchargez le fichier dans le dossier du module et faites-y référence là"
    ),
    "unsafe HTML ({what}) will be removed": "HTML dangereux ({what}) : il sera retiré",
    "a <{element}> element": "un élément <{element}>",
    "the event handler {attribute}": "le gestionnaire d'événement {attribute}",
    'target="{value}": a link may only open a new tab': (
        'target="{value}" : un lien ne peut ouvrir qu\'un nouvel onglet'
    ),
    "a script URL": "une adresse de script",
    "a data: URL": "une adresse data:",
    "unknown call-out '{kind}': expected one of {kinds}": "encadré « {kind} » inconnu ; les encadrés possibles sont {kinds}",
    "call-out not closed: no closing ':::' line": "encadré non refermé : il manque la ligne « ::: » de fin",
    "code block not closed: no closing '{marker}' line": (
        "bloc de code non refermé : il manque la ligne « {marker} » de fin"
    ),
    "image without alt text: describe it for learners who cannot see it": (
        "image sans texte alternatif : décrivez-la pour les apprenants qui ne la voient pas"
    ),
    "write ![what the image shows](path)": "écrivez ![ce que montre l'image](chemin)",
    "link '{target}' uses the refused scheme '{scheme}:': it is shown as plain text, not as a link": (
        "le lien « {target} » utilise le protocole refusé « {scheme}: » : il est affiché comme du texte, "
        "pas comme un lien"
    ),
    "link to a file inside the module folder, or to an http(s) page": (
        "faites un lien vers un fichier du dossier du module, ou vers une page http(s)"
    ),
    "remote image '{target}': a package never loads anything from outside it": (
        "image distante « {target} » : un paquet ne charge jamais rien depuis l'extérieur"
    ),
    "remote link '{target}': a package never loads anything from outside it": (
        "lien distant « {target} » : un paquet ne charge jamais rien depuis l'extérieur"
    ),
    "download the file into the module folder and link to it there": (
        "téléchargez le fichier dans le dossier du module et faites le lien vers lui"
    ),
    "{what} '{target}' is an absolute Windows path: a package only holds files given relative to the module": (
        "{what} « {target} » est un chemin Windows absolu : un paquet ne contient que des fichiers désignés "
        "à partir du dossier du module"
    ),
    "write the path from the module's folder, such as media/schema.png": (
        "écrivez le chemin à partir du dossier du module, par exemple media/schema.png"
    ),
    "{what} '{target}' uses the unsupported scheme '{scheme}:'": (
        "{what} « {target} » utilise le protocole « {scheme}: », qui n'est pas pris en charge"
    ),
    "{what} '{target}' {problem}": "{what} « {target} » {problem}",
    "name media with letters, digits, '-', '_' and '.', in folders separated by '/'": (
        "nommez les médias avec des lettres, des chiffres, « - », « _ » et « . », dans des dossiers séparés par « / »"
    ),
    "{what} '{target}' cannot be opened: {reason}": "impossible d'ouvrir {what} « {target} » : {reason}",
    "{what} '{target}' points outside the module folder": "{what} « {target} » pointe hors du dossier du module",
    "keep media inside the module's folder": "gardez les médias dans le dossier du module",
    "{what} '{target}': file not found": "{what} « {target} » : fichier introuvable",
    "{what} '{target}': {problem}": "{what} « {target} » : {problem}",
    "a package carries images (png, jpg, gif, webp, avif, svg without script), audio, video, captions (vtt), "
    "pdf, txt and csv; put a web page on a web site and link to it there": (
        "un paquet contient des images (png, jpg, gif, webp, avif, svg sans script), du son, de la vidéo, "
        "des sous-titres (vtt), des pdf, txt et csv ; mettez une page web sur un site et faites un lien vers elle"
    ),
    # Why a media path or file is refused (after "l'image « x »").
    "contains {character}": "contient {character}",
    "contains a backslash: browsers read it as '/', file systems do not": (
        "contient une barre oblique inverse « \\ » : les navigateurs la lisent comme « / », "
        "les systèmes de fichiers non"
    ),
    "is an absolute path: a package can only hold files given relative to the module": (
        "est un chemin absolu : un paquet ne contient que des fichiers désignés à partir du dossier du module"
    ),
    "is too long ({size} bytes; at most {limit})": "a un chemin trop long ({size} octets ; au plus {limit})",
    "has a name longer than {limit} bytes": "a un nom de plus de {limit} octets",
    "a '.{extension}' file can run script in the learner's browser": (
        "un fichier « .{extension} » peut exécuter du script dans le navigateur de l'apprenant"
    ),
    "'.{extension}' files are not media a package may carry": (
        "les fichiers « .{extension} » ne sont pas des médias qu'un paquet peut contenir"
    ),
    "files without an extension are not media a package may carry": (
        "les fichiers sans extension ne sont pas des médias qu'un paquet peut contenir"
    ),
    "cannot be read: {reason}": "illisible : {reason}",
    "does not hold what its '.{extension}' name says ({kind})": (
        "ne contient pas ce qu'annonce son extension « .{extension} » ({kind})"
    ),
    "an image": "une image",
    "audio or video": "du son ou de la vidéo",
    "WebVTT captions": "des sous-titres WebVTT",
    "a PDF document": "un document PDF",
    "plain text": "du texte brut",
    "is an SVG larger than {limit} MiB": "est un SVG de plus de {limit} Mio",
    "is not a well-formed SVG file": "n'est pas un fichier SVG bien formé",
    "is an SVG with a DOCTYPE or entities, which can hide script": (
        "est un SVG avec un DOCTYPE ou des entités, qui peuvent cacher du script"
    ),
    "is an SVG that {problem}": "est un SVG qui {problem}",
    "has a processing instruction (a style sheet could run script)": (
        "contient une instruction de traitement (une feuille de style pourrait exécuter du script)"
    ),
    "has a <{element}> element": "contient un élément <{element}>",
    "has an event handler ({attribute})": "contient un gestionnaire d'événement ({attribute})",
    "animates a link target": "anime la cible d'un lien",
    "refers to '{target}' (only references inside the file, '#…', are allowed)": (
        "fait référence à « {target} » (seules les références internes au fichier, « #… », sont permises)"
    ),
    "refers to an outside resource in a style": "fait référence à une ressource extérieure dans un style",
    "loads an outside resource from its style sheet": "charge une ressource extérieure depuis sa feuille de style",
    # Questions (E4xx).
    "quiz block: {problem}": "bloc quiz : {problem}",
    "quiz block not closed: no closing '{marker}' line": (
        "bloc quiz non refermé : il manque la ligne « {marker} » de fin"
    ),
    "a quiz block must be a YAML mapping (id, type, prompt, …)": (
        "un bloc quiz doit être une suite de lignes « clé: valeur » (id, type, prompt…)"
    ),
    "a quiz block must sit at the top level of a page, not inside a list, quote or call-out": (
        "un bloc quiz doit être placé directement dans la page, pas dans une liste, une citation ou un encadré"
    ),
    "code block '{label}' is shown as code, not as a question": (
        "le bloc de code « {label} » sera affiché comme du code, pas comme une question"
    ),
    "unknown question type '{value}': expected one of {types}": (
        "type de question « {value} » inconnu ; les types possibles sont {types}"
    ),
    "question id '{id}' is already used by the question at line {line}": (
        "l'identifiant « {id} » est déjà pris par la question de la ligne {line}"
    ),
    "a {kind} question is never scored: 'points' is ignored": (
        "une question « {kind} » n'est jamais notée : « points » est ignoré"
    ),
    "'points' must be positive, not {value}": "« points » doit être positif, et non {value}",
    "competency '{value}' belongs to {domain}, not to the module's domain {module_domain}": (
        "la compétence « {value} » relève du domaine {domain}, pas de celui du module ({module_domain})"
    ),
    "pool '{value}' is not declared in the front matter (declared: {declared})": (
        "la banque « {value} » n'est pas déclarée dans l'en-tête (banques déclarées : {declared})"
    ),
    "pool '{value}' is not declared in the front matter (declared: none)": (
        "la banque « {value} » n'est pas déclarée dans l'en-tête (aucune banque déclarée)"
    ),
    "pool '{name}' picks {pick} questions but has {count}": (
        "la banque « {name} » doit tirer {pick} question(s) mais n'en contient que {count}"
    ),
    "'feedback' must be a mapping with correct, incorrect and/or partial": (
        "« feedback » doit contenir des clés correct, incorrect et/ou partial"
    ),
    "choice {number} must start with '[x] ' (right) or '[ ] ' (wrong)": (
        "le choix n° {number} doit commencer par « [x] » (juste) ou « [ ] » (faux)"
    ),
    'write "[x] text" or "[ ] text" in double quotes, or {{text, correct}}': (
        'écrivez "[x] texte" ou "[ ] texte" entre guillemets droits, ou {{text, correct}}'
    ),
    "choice id '{id}' must be one lowercase letter or digit": (
        "l'identifiant de choix « {id} » doit être une seule lettre minuscule ou un seul chiffre"
    ),
    "choice {number} must be a text or a mapping, not {value}": (
        "le choix n° {number} doit être un texte ou un ensemble de « clé: valeur », et non {value}"
    ),
    "choice id '{id}' is used twice (first by choice {number})": (
        "l'identifiant de choix « {id} » est utilisé deux fois (d'abord par le choix n° {number})"
    ),
    "a 'single' question needs exactly one correct choice, not {count}": (
        "une question « single » doit avoir exactement un choix juste, et non {count}"
    ),
    "use type: multiple for several right answers": "pour plusieurs bonnes réponses, écrivez type: multiple",
    "a 'multiple' question needs at least one correct choice": (
        "une question « multiple » doit avoir au moins un choix juste"
    ),
    "'answers' needs at least one accepted answer": "« answers » doit contenir au moins une réponse acceptée",
    "'range' must be [min, max]": "« range » doit s'écrire [min, max]",
    "the range's minimum {low} is above its maximum {high}": (
        "le minimum de l'intervalle, {low}, est supérieur à son maximum, {high}"
    ),
    "tolerance '{value}' must be a number or a percentage such as \"2%\"": (
        'la tolérance « {value} » doit être un nombre ou un pourcentage comme "2%"'
    ),
    "tolerance is too large: at most {limit}%": "tolérance trop grande : {limit} % au plus",
    "'tolerance' cannot be negative ({value})": "« tolerance » ne peut pas être négative ({value})",
    "a 'numeric' question needs either 'answer' (with an optional 'tolerance') or 'range: [min, max]'": (
        "une question « numeric » a besoin soit de « answer » (avec éventuellement « tolerance »), "
        "soit de « range: [min, max] »"
    ),
    "pair {number} must be {{left, right}}, not {value}": "la paire n° {number} doit être {{left, right}}, et non {value}",
    "at most {limit} right sides in all (pairs + distractors)": (
        "{limit} éléments de droite au plus en tout (paires + intrus)"
    ),
    # YAML (E103, E401): our words, then libyaml's, translated phrase by phrase.
    "invalid YAML": "YAML illisible",
    "invalid YAML: {problem}": "YAML illisible : {problem}",
    "invalid value: {problem}": "valeur illisible : {problem}",
    "the number is too large": "le nombre est trop grand",
    "the text holds {character}, which a package cannot carry": (
        "le texte contient {character}, qu'un paquet ne peut pas contenir"
    ),
    "duplicate key '{key}'": "la clé « {key} » est écrite deux fois",
    "the character U+{codepoint:04X} is not allowed": "le caractère U+{codepoint:04X} n'est pas permis",
    "the YAML expands to too many values (alias bomb?)": "le YAML donne beaucoup trop de valeurs (alias en boucle ?)",
    "{context} {problem}": "{context}, {problem}",
    "{text}": "{text}",
    "{kind}: {detail}": "{kind} : {detail}",
    "while parsing a block mapping": "dans une suite de lignes « clé: valeur »",
    "while parsing a block collection": "dans une liste à tirets « - »",
    "while parsing a flow sequence": "dans une liste entre crochets [ ]",
    "while parsing a flow mapping": "dans une liste entre accolades {{ }}",
    "while parsing a block node": "en lisant une valeur",
    "while parsing a flow node": "en lisant une valeur",
    "while parsing a node": "en lisant une valeur",
    "while scanning a simple key": "en lisant une clé",
    "while scanning a quoted scalar": "dans un texte entre guillemets",
    "while parsing a quoted scalar": "dans un texte entre guillemets",
    "while scanning for the next token": "en lisant la suite",
    "while scanning a plain scalar": "dans un texte sans guillemets",
    "while scanning a block scalar": "dans un texte sur plusieurs lignes (| ou >)",
    "while scanning an anchor": "en lisant une ancre (&)",
    "while scanning an alias": "en lisant un alias (*)",
    "while scanning a tag": "en lisant une étiquette (!)",
    "while scanning a directive": "en lisant une directive (%)",
    "while constructing a mapping": "en lisant une suite de lignes « clé: valeur »",
    "expected a single document in the stream": "un seul document YAML était attendu",
    "did not find expected key": (
        "une ligne « clé: valeur » était attendue ici (vérifiez l'indentation et les guillemets)"
    ),
    "did not find expected '-' indicator": "un élément de liste « - » était attendu ici (vérifiez l'indentation)",
    "did not find expected ',' or ']'": "une « , » ou un « ] » était attendu ici",
    "did not find expected ',' or '}}'": "une « , » ou une « }} » était attendue ici",
    "did not find expected node content": "une valeur était attendue ici",
    "did not find expected comment or line break": "la ligne devait s'arrêter ici",
    "mapping values are not allowed in this context": ("« : » n'est pas permis ici : mettez le texte entre guillemets"),
    "block sequence entries are not allowed in this context": "un élément de liste « - » n'est pas permis ici",
    "could not find expected ':'": "« : » était attendu après la clé",
    "found unexpected end of stream": ("le texte s'arrête trop tôt (un guillemet ou un crochet n'est pas refermé ?)"),
    "found unexpected document indicator": "ligne « --- » ou « ... » inattendue",
    "found a tab character that violates indentation": "une tabulation sert d'indentation : indentez avec des espaces",
    "found a tab character where an indentation space is expected": (
        "une tabulation sert d'indentation : indentez avec des espaces"
    ),
    "found character that cannot start any token": (
        "ce caractère ne peut pas commencer une valeur : mettez le texte entre guillemets"
    ),
    "found unknown escape character": (
        "séquence « \\ » inconnue dans un texte entre guillemets doubles : doublez la barre oblique inverse "
        "ou utilisez des guillemets simples"
    ),
    "found undefined alias": "alias (*) non défini",
    "found undefined tag handle": "étiquette (!) inconnue",
    "but found another document": "mais un second document a été trouvé (une ligne « --- » en trop ?)",
    "found unhashable key": "clé illisible : une liste ne peut pas servir de clé",
    # Building packages (packager: E5xx).
    "module '{id}' is twice in the course": "le module « {id} » figure deux fois dans le cours",
    "build for scorm2004, split the module, or draw fewer questions through a pool": (
        "construisez pour scorm2004, découpez le module, ou tirez moins de questions grâce à une banque"
    ),
    "the player file {path} is missing from this installation": (
        "le fichier du lecteur {path} manque dans cette installation"
    ),
    "the media file '{path}' would overwrite a file of the package itself": (
        "le média « {path} » écraserait un fichier du paquet lui-même"
    ),
    "move it into a folder such as media/": "déplacez-le dans un dossier comme media/",
    "cannot read the media file '{path}': {reason}": "impossible de lire le média « {path} » : {reason}",
    "unknown target '{target}': expected one of {targets}": "cible « {target} » inconnue : cibles possibles {targets}",
    "page ids '{first}' and '{second}' share the same saved-state key: a learner who saw one would find "
    "neither marked as seen": (
        "les pages « {first} » et « {second} » ont la même clé d'enregistrement : un apprenant qui a vu l'une "
        "ne retrouverait aucune des deux marquée comme vue"
    ),
    "question ids '{first}' and '{second}' share the same saved-state key: answers to one would be restored "
    "as answers to the other": (
        "les questions « {first} » et « {second} » ont la même clé d'enregistrement : les réponses à l'une "
        "seraient restaurées comme réponses à l'autre"
    ),
    "rename one of them": "renommez l'une des deux",
    "question '{id}' allows {attempts} attempts; the saved state counts up to {limit}": (
        "la question « {id} » permet {attempts} tentatives ; l'état enregistré en compte au plus {limit}"
    ),
    "<{tag} {attribute}> would load '{url}' from outside the package": (
        "<{tag} {attribute}> chargerait « {url} » depuis l'extérieur du paquet"
    ),
    "the base IRI '{iri}' must be an absolute http(s) IRI without query or fragment": (
        "l'IRI de base « {iri} » doit être une adresse http(s) absolue, sans « ? » ni « # »"
    ),
    "unknown moveOn '{value}': expected one of {values}": "moveOn « {value} » inconnu : valeurs possibles {values}",
    "unknown launchMethod '{value}': expected one of {values}": (
        "launchMethod « {value} » inconnu : valeurs possibles {values}"
    ),
    # The command line.
    "this file could not be checked ({kind}): please report it with the file": (
        "ce fichier n'a pas pu être vérifié ({kind}) : merci de le signaler en joignant le fichier"
    ),
    "give .md files, or folders holding .md files that start with front matter": (
        "donnez des fichiers .md, ou des dossiers contenant des fichiers .md qui commencent par un en-tête"
    ),
    "no module found: {hint}": "aucun module trouvé : {hint}",
    "no module found in {role}: {hint}": "aucun module trouvé dans {role} : {hint}",
    "{modules} module(s) checked: {errors} error(s), {warnings} warning(s)": (
        "{modules} module(s) vérifié(s) : {errors} erreur(s), {warnings} avertissement(s)"
    ),
    "{count} error(s) in {role}: fix them first (ehealth check)": (
        "{count} erreur(s) dans {role} : corrigez-les d'abord (ehealth check)"
    ),
    "the sources": "les sources",
    "OLD": "OLD (l'ancienne version)",
    "NEW": "NEW (la nouvelle version)",
    "Created {path}: edit it, then run 'ehealth check {path}'.": (
        "{path} créé : modifiez-le, puis lancez « ehealth check {path} »."
    ),
    "{questions} question(s) from {modules} module(s) exported": (
        "{questions} question(s) de {modules} module(s) exportée(s)"
    ),
    "{questions} question(s) from {modules} module(s) exported to {path}": (
        "{questions} question(s) de {modules} module(s) exportée(s) dans {path}"
    ),
    "{failed} of {count} module(s) not built": "{failed} module(s) sur {count} non construit(s)",
    "course {id} not built": "cours {id} non construit",
    "'{name}' is not a valid module id: use lowercase letters, digits and '-', starting with a letter or digit, "
    "at most {limit} characters": (
        "« {name} » n'est pas un identifiant de module valide : lettres minuscules sans accent, chiffres et « - », "
        "en commençant par une lettre ou un chiffre, {limit} caractères au plus"
    ),
    "no template for language '{lang}': choose one of {langs}": (
        "pas de modèle pour la langue « {lang} » : langues possibles {langs}"
    ),
    "the {lang} module template is missing from this installation of ehealth": (
        "le modèle de module « {lang} » manque dans cette installation d'ehealth"
    ),
    "{folder} already exists: choose another name or folder": "{folder} existe déjà : choisissez un autre nom ou dossier",
    "cannot create {folder}: {reason}": "impossible de créer {folder} : {reason}",
    # The preview.
    "Preview: {count} warning(s)": "Aperçu : {count} avertissement(s)",
    "Errors in {name}": "Erreurs dans {name}",
    "{name} cannot be shown": "{name} ne peut pas être affiché",
    "Fix these and save: the page comes back by itself.": (
        "Corrigez ces erreurs et enregistrez : la page revient d'elle-même."
    ),
    "hint: {hint}": "conseil : {hint}",
    "see {place}: {note}": "voir {place} : {note}",
    "shown": "affiché",
    "{count} error(s): the page lists them": "{count} erreur(s) : la page les liste",
    "no module found in {path}: give a .md file, or the folder holding it": (
        "aucun module trouvé dans {path} : donnez un fichier .md, ou le dossier qui le contient"
    ),
    "{path} holds {count} modules: give one module file or folder": (
        "{path} contient {count} modules : donnez un seul fichier ou dossier de module"
    ),
    "port {port} is in use: choose another with --port": "le port {port} est déjà pris : choisissez-en un autre avec --port",
    "port {port} cannot be opened ({reason}): choose another with --port": (
        "le port {port} ne peut pas être ouvert ({reason}) : choisissez-en un autre avec --port"
    ),
    "Previewing {source} at {url} (Ctrl-C to stop)": "Aperçu de {source} sur {url} (Ctrl-C pour arrêter)",
    "Preview stopped.": "Aperçu arrêté.",
    # ehealth compat: what a new version does to learners' saved state (C1xx, C2xx).
    "{errors} error(s), {warnings} warning(s): the new version breaks saved learner state": (
        "{errors} erreur(s), {warnings} avertissement(s) : la nouvelle version casse l'état enregistré des apprenants"
    ),
    "{errors} error(s), {warnings} warning(s): the new version keeps saved learner state": (
        "{errors} erreur(s), {warnings} avertissement(s) : la nouvelle version garde l'état enregistré des apprenants"
    ),
    "module added in NEW": "module ajouté dans NEW",
    "module missing from NEW (matched by id): learners' state for it would be orphaned": (
        "module absent de NEW (rapproché par son id) : l'état enregistré des apprenants serait orphelin"
    ),
    "module id changed from '{old}' to '{new}': the LMS sees a new module and every learner starts again": (
        "l'id du module passe de « {old} » à « {new} » : la plateforme y voit un nouveau module et chaque "
        "apprenant recommence à zéro"
    ),
    "choices": "choix",
    "left sides": "éléments de gauche",
    "right sides": "éléments de droite",
    "items": "éléments",
    "scale points": "degrés de l'échelle",
    "question '{id}': {problem}": "question « {id} » : {problem}",
    "question '{id}' added": "question « {id} » ajoutée",
    "question '{id}' added to step {step} of case '{case}', before steps learners may have answered: "
    "resumed, they answer it with those steps and their answers still shown, and the steps they have "
    "not reached wait until it is done; a finished attempt reopened for review shows it as not answered": (
        "question « {id} » ajoutée à l'étape {step} du cas « {case} », avant des étapes auxquelles des apprenants "
        "ont pu répondre : à la reprise, ils y répondent en voyant encore ces étapes et leurs réponses, et les "
        "étapes qu'ils n'ont pas atteintes attendent qu'elle soit terminée ; une tentative terminée rouverte en "
        "relecture la montre non répondue"
    ),
    "question '{id}' removed: learners' answers to it are lost": (
        "question « {id} » supprimée : les réponses des apprenants à cette question sont perdues"
    ),
    "question '{id}' changed type from {old} to {new}: learners' answers to it are lost": (
        "la question « {id} » passe du type {old} au type {new} : les réponses des apprenants à cette question "
        "sont perdues"
    ),
    "page '{id}' removed (renamed '{renamed}'?): learners bookmarked on it lose their place": (
        "page « {id} » supprimée (renommée « {renamed} » ?) : les apprenants arrêtés sur cette page perdent leur place"
    ),
    "page '{id}' removed: learners bookmarked on it lose their place": (
        "page « {id} » supprimée : les apprenants arrêtés sur cette page perdent leur place"
    ),
    "page '{id}' added": "page « {id} » ajoutée",
    "pages moved or inserted before existing ones: visited pages are saved by position and would be read as "
    "other pages": (
        "pages déplacées ou insérées avant des pages existantes : les pages vues sont enregistrées par position "
        "et seraient lues comme d'autres pages"
    ),
    "the old version saves pages seen by position (state format {old}), which the new one cannot map to its "
    "pages: learners who resume keep their answers but see their pages as not yet seen": (
        "l'ancienne version enregistre les pages vues par position (format d'état {old}), que la nouvelle ne "
        "peut pas rapporter à ses pages : les apprenants qui reprennent gardent leurs réponses mais voient leurs "
        "pages comme non vues"
    ),
    "pool '{name}' added": "banque « {name} » ajoutée",
    "pool '{name}' removed: saved draws are lost": "banque « {name} » supprimée : les tirages enregistrés sont perdus",
    "pool '{name}' picks {new} instead of {old}: saved draws are redrawn mid-attempt": (
        "la banque « {name} » tire {new} questions au lieu de {old} : les tirages enregistrés sont refaits en "
        "cours de tentative"
    ),
    "pool '{name}' members changed: saved draws are kept as positions among its members and would name other "
    "questions": (
        "les questions de la banque « {name} » ont changé : les tirages sont enregistrés par position parmi "
        "elles et désigneraient d'autres questions"
    ),
    "pool '{name}' moved in the front matter: saved draws are kept by pool position and would be read for "
    "another pool": (
        "la banque « {name} » a changé de place dans l'en-tête : les tirages sont enregistrés par position de "
        "banque et seraient lus pour une autre banque"
    ),
    "{old} {what} became {new}: saved answers are kept by position and would be misread": (
        "{old} {what} sont devenus {new} : les réponses enregistrées le sont par position et seraient mal lues"
    ),
    "{what} reordered: saved answers are kept by position and would be misread": (
        "{what} dans un autre ordre : les réponses enregistrées le sont par position et seraient mal lues"
    ),
    "{what} reworded: saved answers keep their positions, check they still mean the same": (
        "{what} reformulés : les réponses enregistrées gardent leur position, vérifiez que le sens n'a pas changé"
    ),
    "the right choices changed: saved answers will be scored against the new ones": (
        "les bons choix ont changé : les réponses enregistrées seront notées avec les nouveaux"
    ),
    "the right answer changed: saved answers will be scored against the new one": (
        "la bonne réponse a changé : les réponses enregistrées seront notées avec la nouvelle"
    ),
    "the accepted values changed: long typed numbers are saved as a verdict only and keep it": (
        "les valeurs acceptées ont changé : les nombres longs saisis ne sont enregistrés que comme juste ou faux, "
        "et le restent"
    ),
    "the accepted answers changed: wrong typed answers are saved as a verdict only and keep it": (
        "les réponses acceptées ont changé : les réponses fausses saisies ne sont enregistrées que comme fausses, "
        "et le restent"
    ),
    # Moodle exports (moodle-xml, GIFT).
    "the tag '{tag}' becomes '{moodle}' in Moodle (at most 50 characters, no control characters, '<', '>' or '`')": (
        "l'étiquette « {tag} » devient « {moodle} » dans Moodle (50 caractères au plus, ni caractère de "
        "contrôle, ni « < », « > » ou « ` »)"
    ),
    "images are not embedded: add them in Moodle": "les images ne sont pas incluses : ajoutez-les dans Moodle",
    "image '{src}' is not embedded (not a file of the module folder): add it in Moodle": (
        "l'image « {src} » n'est pas incluse (ce n'est pas un fichier du dossier du module) : ajoutez-la dans Moodle"
    ),
    "{kind} questions are left out: Moodle has no such question": (
        "les questions {kind} sont laissées de côté : Moodle n'a pas ce type de question"
    ),
    "likert questions are left out: a Moodle quiz has no survey item": (
        "les questions likert sont laissées de côté : un test Moodle n'a pas de question d'enquête"
    ),
    "left out: Moodle's grade list cannot split 100% evenly among {count} right choices": (
        "laissée de côté : la liste de notes de Moodle ne peut pas partager 100 % également entre {count} bons choix"
    ),
    "left out of GIFT: a left side contains '->'": "laissée hors du GIFT : un élément de gauche contient « -> »",
    "left out of GIFT: an accepted answer contains '->'": (
        "laissée hors du GIFT : une réponse acceptée contient « -> »"
    ),
    "left out of GIFT: braces or '//' in an ordering question; use moodle-xml": (
        "laissée hors du GIFT : accolades ou « // » dans une question à remettre en ordre ; utilisez moodle-xml"
    ),
    "GIFT ordering questions carry no feedback": "les questions à remettre en ordre en GIFT n'ont pas de retour",
    "GIFT short answers ignore case: 'match: exact' is lost": (
        "les réponses courtes GIFT ignorent les majuscules : « match: exact » est perdu"
    ),
    "GIFT numerical questions carry no unit: '{unit}' is lost; add it in Moodle or use moodle-xml": (
        "les questions numériques GIFT n'ont pas d'unité : « {unit} » est perdue ; ajoutez-la dans Moodle ou "
        "utilisez moodle-xml"
    ),
    # French prose in YAML, aliases, placeholders, unclosed blocks (merged from the prose branch).
    "write single (one right answer) or multiple (one or more)": (
        "écrivez single (une seule bonne réponse) ou multiple (une ou plusieurs)"
    ),
    "write single": "écrivez single",
    "a tab indents this line: YAML indents with spaces only": (
        "cette ligne est décalée par une tabulation, alors que seuls des espaces peuvent décaler une ligne"
    ),
    "replace the tab with spaces, two per level": "remplacez la tabulation par des espaces, deux par niveau",
    "'{key}:' is indented under the text above, so it would be part of it": (
        "« {key}: » est décalé sous le texte du dessus : il en ferait partie"
    ),
    "align it with the keys it belongs with, or put the whole text in quotes": (
        "alignez-le sur les clés dont il fait partie, ou mettez tout le texte entre guillemets"
    ),
    "this text is in quotes and holds the same quotes: YAML cannot tell where it ends": (
        "ce texte est entre guillemets et contient les mêmes guillemets : le YAML ne peut pas savoir où il finit"
    ),
    "write it without the outer quotes, or use « » inside": (
        "écrivez-le sans les guillemets extérieurs, ou utilisez « » à l'intérieur"
    ),
    "write it without the outer quotes, or write each ' inside twice": (
        "écrivez-le sans les guillemets extérieurs, ou doublez chaque ' à l'intérieur"
    ),
    "the quote {quote} that starts this text is never closed": "le guillemet {quote} qui ouvre ce texte n'est jamais refermé",
    "end the text with {quote}, or remove the {quote} at its start": (
        "terminez le texte par {quote}, ou supprimez le {quote} du début"
    ),
    "call-out '{kind}' is not closed before the call-out at line {line}, which it now holds": (
        "l'encadré « {kind} » n'est pas refermé avant l'encadré de la ligne {line}, qu'il contient donc"
    ),
    "add a ':::' line where this call-out ends": "ajoutez une ligne « ::: » là où cet encadré se termine",
    "quiz block not closed: the '{opener}' line at line {line} opens another block inside it": (
        "bloc quiz non refermé : la ligne « {opener} » (ligne {line}) ouvre un nouveau bloc avant la fin de celui-ci"
    ),
    "end the question with a '{marker}' line": "terminez la question par une ligne « {marker} » avant le bloc suivant",
    "align this line with the keys above, or put the value in quotes": (
        "alignez cette ligne sur les clés du dessus, ou mettez la valeur entre guillemets"
    ),
    "align this line with the lines of the same list or record": (
        "alignez cette ligne sur les lignes de la même liste ou de la même fiche"
    ),
    "align this line with the lines of the same list": "alignez cette ligne sur les lignes de la même liste",
    "put the value in quotes": "mettez la valeur entre guillemets",
    "close it with '{bracket}' on the same line, or put the text in quotes": (
        "terminez la ligne par « {bracket} », ou mettez le texte entre guillemets"
    ),
    "this line is not 'key: value'": "cette ligne n'est pas de la forme « clé: valeur »",
    "indent it under the key above to continue its text, or start it with a key": (
        "décalez-la sous la clé du dessus pour continuer son texte, ou commencez-la par une clé"
    ),
    "'{key}' is written like a pool but is not under 'pools:'": (
        "« {key} » s'écrit comme une banque mais n'est pas sous « pools: »"
    ),
    "indent its line by two spaces, below 'pools:'": "décalez sa ligne de deux espaces, sous « pools: »",
    "'{text}' is text from the 'ehealth new' template": "« {text} » est un texte du modèle de « ehealth new »",
    "replace it with your own": "remplacez-le par le vôtre",
    # Competency frameworks and ehealth.toml (merged from the coverage branch).
    "the modules use different competency frameworks ({frameworks}): give the modules of one framework at a time": (
        "les modules utilisent des référentiels de compétences différents ({frameworks}) : donnez les modules "
        "d'un seul référentiel à la fois"
    ),
    "'framework' needs the module's folder: load the module from its file": (
        "« framework » a besoin du dossier du module : chargez le module depuis son fichier"
    ),
    "in a framework file": "dans un fichier de référentiel",
    "framework id": "l'identifiant du référentiel",
    "'{key}' must be a non-empty list, not {value}": "« {key} » doit être une liste non vide, pas {value}",
    "'{key}' has {count} entries: at most {most}": "« {key} » a {count} éléments : {most} au plus",
    "the framework has {count} competencies: at most {most}": "le référentiel a {count} compétences : {most} au plus",
    "a domain must be a mapping (id, label_fr, hours, competencies), not {value}": (
        "un domaine doit être un ensemble de clés (id, label_fr, hours, competencies), pas {value}"
    ),
    "in a domain": "dans un domaine",
    "'hours'": "« hours »",
    "'hours' must be positive, not {value}": "« hours » doit être positif, pas {value}",
    "a competency must be a mapping (id, label_fr), not {value}": (
        "une compétence doit être un ensemble de clés (id, label_fr), pas {value}"
    ),
    "in a competency": "dans une compétence",
    "domain": "domaine",
    "competency": "compétence",
    "{what} id '{value}…' is too long: at most {most} characters": (
        "l'identifiant de {what} « {value}… » est trop long : {most} caractères au plus"
    ),
    "{what} id '{value}' cannot hold a space or '/'": (
        "l'identifiant de {what} « {value} » ne peut contenir ni espace ni « / »"
    ),
    "use '-' or '_' between words": "séparez les mots par « - » ou « _ »",
    "{what} id '{value}' is already used at line {line}": (
        "l'identifiant de {what} « {value} » est déjà utilisé ligne {line}"
    ),
    "domain id '{value}' must start with a letter, then letters, digits, '-' or '_'": (
        "l'identifiant de domaine « {value} » doit commencer par une lettre, suivie de lettres, chiffres, "
        "« - » ou « _ »"
    ),
    "e.g. D1, K2, ETHIQUE": "par exemple D1, K2, ETHIQUE",
    "competency id '{value}' is not under its domain '{domain}'": (
        "l'identifiant de compétence « {value} » n'est pas rangé sous son domaine « {domain} »"
    ),
    "write it {domain}.<n>, e.g. {domain}.1": "écrivez-le {domain}.<n>, par exemple {domain}.1",
    "cannot use the framework file: {problem}": "impossible d'utiliser le fichier de référentiel : {problem}",
    "framework file: {problem}": "fichier de référentiel : {problem}",
    "a framework file must be a YAML mapping (id, title_fr, domains), not {value}": (
        "un fichier de référentiel doit être un ensemble YAML de clés (id, title_fr, domains), pas {value}"
    ),
    "quote values that hold ': ' or start with a special character": (
        "mettez entre guillemets les valeurs qui contiennent « : » ou commencent par un caractère spécial"
    ),
    "{file}: {problem}": "{file} : {problem}",
    "unknown key '{key}' in {file}": "clé « {key} » inconnue dans {file}",
    "'{key}' in {file} must be a file path in quotes": (
        "« {key} » dans {file} doit être un chemin de fichier entre guillemets"
    ),
    "framework file '{file}' must be a YAML file (.yaml or .yml)": (
        "le fichier de référentiel « {file} » doit être un fichier YAML (.yaml ou .yml)"
    ),
    "docs/competency-framework.md shows its shape": "docs/competency-framework.md montre sa forme",
    "cannot use the framework file '{file}': {problem}": (
        "impossible d'utiliser le fichier de référentiel « {file} » : {problem}"
    ),
    "no such file": "fichier introuvable",
    "not a regular file": "ce n'est pas un fichier ordinaire",
    "the path holds a NUL character": "le chemin contient un caractère NUL",
    "cannot read {file}: {problem}": "impossible de lire {file} : {problem}",
    # Targets from the registry (merged from the targets branch).
    "the saved state of this module can reach {size} characters, more than the {limit} {standard} allows "
    "({count} questions)": (
        "l'état enregistré de ce module peut atteindre {size} caractères, plus que les {limit} que "
        "permet {standard} ({count} questions)"
    ),
    "{standard} edition {edition} does not exist here: expected {expected}": (
        "l'édition {edition} de {standard} n'existe pas ici : {expected} attendu"
    ),
    # Audio, video, figures and footnotes (merged from the questions branch).
    "footnote '[^{label}]' has no definition": "la note « [^{label}] » n'a pas de définition",
    "add a line '[^{label}]: the note' below the paragraph": (
        "ajoutez une ligne « [^{label}]: la note » sous le paragraphe"
    ),
    "captions": "les sous-titres",
    "transcript": "la transcription",
    "{role} '{target}': {problem}": "{role} « {target} » : {problem}",
    "video '{target}' has neither captions nor a transcript": (
        "la vidéo « {target} » n'a ni sous-titres ni transcription"
    ),
    "audio '{target}' has neither captions nor a transcript": (
        "l'enregistrement audio « {target} » n'a ni sous-titres ni transcription"
    ),
    "add captions {base}.vtt (WebVTT) or a transcript {base}.txt next to it": (
        "ajoutez à côté des sous-titres {base}.vtt (WebVTT) ou une transcription {base}.txt"
    ),
    "audio or video file": "le fichier audio ou vidéo",
    "the element {tag}": "l'élément {tag}",
    "remote {what} '{target}': a package never loads anything from outside it": (
        "{what} « {target} » est distant : un paquet ne charge jamais rien depuis l'extérieur"
    ),
    # EDN items: QRP/EDN scoring, units, TCS, long menus (merged from the items-a branch).
    "'{file}' has {count} entries: at most {most}": "« {file} » a {count} entrées : {most} au plus",
    "'{file}' has no entry": "« {file} » n'a aucune entrée",
    "'{file}': empty lines ignored: {lines}": "« {file} » : lignes vides ignorées : {lines}",
    "the accepted answers changed: wrong answers are saved as a verdict only and keep it": (
        "les réponses acceptées ont changé : les mauvaises réponses sont enregistrées comme un simple verdict "
        "et le gardent"
    ),
    "delete the empty lines": "supprimez les lignes vides",
    "answer '{answer}' is not an entry of '{file}'": "la réponse « {answer} » n'est pas une entrée de « {file} »",
    "Moodle's short answer has no list: the {count} entries of '{file}' are not offered as the learner types": (
        "la réponse courte de Moodle n'a pas de liste : les {count} entrées de « {file} » ne sont pas proposées "
        "pendant la saisie"
    ),
    "'{file}' is outside the module folder": "« {file} » est hors du dossier du module",
    "'{file}' must be a text file (.txt), one entry per line": (
        "« {file} » doit être un fichier texte (.txt), une entrée par ligne"
    ),
    "'{file}' cannot be read: no such file in the module folder": (
        "« {file} » est illisible : aucun fichier de ce nom dans le dossier du module"
    ),
    "'{file}' is larger than {size} KiB": "« {file} » dépasse {size} Kio",
    "'{file}' is not UTF-8 text": "« {file} » n'est pas un texte UTF-8",
    "'{file}' line {line} is longer than {most} characters or holds a control character": (
        "« {file} », ligne {line} : plus de {most} caractères, ou un caractère de contrôle"
    ),
    "'{file}' line {line} repeats line {first} ('{entry}', case and accents aside)": (
        "« {file} », ligne {line} : répète la ligne {first} (« {entry} », sans compter majuscules et accents)"
    ),
    "scoring: edn (EDN discordance rule) has no Moodle equivalent: exported with per-choice fractions (each right "
    "choice its share, each wrong one a penalty), so scores differ": (
        "scoring: edn (règle des discordances des EDN) n'a pas d'équivalent dans Moodle : exporté avec une "
        "fraction par choix (chaque bon choix sa part, chaque mauvais une pénalité), les notes diffèrent donc"
    ),
    "expect: {expect} is not enforced by Moodle: the learner may submit another number of choices": (
        "expect: {expect} n'est pas imposé par Moodle : l'apprenant peut valider un autre nombre de choix"
    ),
    "'expect' must be the number of right choices (1 to {most}) or true/false, not {value}": (
        "« expect » doit être le nombre de bons choix (de 1 à {most}) ou true/false, pas {value}"
    ),
    "'expect: {expect}' but the right choices are {right}": "« expect: {expect} » mais les bons choix sont {right}",
    "'expect' is the number of right choices; 'expect: true' states it without repeating it": (
        "« expect » est le nombre de bons choix ; « expect: true » l'annonce sans le répéter"
    ),
    'tolerance \'{value}\' must be a number, a percentage such as "2%" or a quantity such as "5 mL/h"': (
        "la tolérance « {value} » doit être un nombre, un pourcentage comme « 2% » ou une quantité comme « 5 mL/h »"
    ),
    "'figures' and 'tolerance' cannot go together: 'figures' sets the tolerance": (
        "« figures » et « tolerance » ne vont pas ensemble : « figures » fixe la tolérance"
    ),
    "'figures' needs an answer other than 0": "« figures » demande une réponse différente de 0",
    "'answer' must be a number (2.5) or a number and its unit (\"125 mL/h\"), not '{value}'": (
        "« answer » doit être un nombre (2.5) ou un nombre et son unité (« 125 mL/h »), pas « {value} »"
    ),
    "unknown unit '{unit}'": "unité « {unit} » inconnue",
    "known units: µg, mg, g, kg, µL, mL, L, s, min, h, j, gouttes, UI, mmol, their ratios such as mL/h, mg/kg or "
    "gouttes/min, and %": (
        "unités connues : µg, mg, g, kg, µL, mL, L, s, min, h, j, gouttes, UI, mmol, leurs rapports comme mL/h, "
        "mg/kg ou gouttes/min, et %"
    ),
    "'units' needs the answer's unit: write it in 'answer' (\"125 mL/h\") or in 'unit'": (
        "« units » a besoin de l'unité de la réponse : écrivez-la dans « answer » (« 125 mL/h ») ou dans « unit »"
    ),
    "'unit: {unit}' differs from the answer's unit {answer_unit}: leave 'unit' out": (
        "« unit: {unit} » diffère de l'unité de la réponse, {answer_unit} : retirez « unit »"
    ),
    "'units' must be a list of 1 to {most} units, such as [mL/h, L/h]": (
        "« units » doit être une liste de 1 à {most} unités, comme [mL/h, L/h]"
    ),
    "unit {unit} measures {measures}, not {expected} as the answer's {answer_unit} does": (
        "l'unité {unit} mesure {measures}, pas {expected} comme l'unité de la réponse, {answer_unit}"
    ),
    "give the drop factor in drops per mL, e.g. drop_factor: 20": (
        "donnez le nombre de gouttes par mL, par exemple drop_factor: 20"
    ),
    "'{key}' goes with 'answer', not with 'range'": "« {key} » va avec « answer », pas avec « range »",
    "Moodle matches units as written ({units}): other spellings the player accepts (ml/h, a decimal comma before "
    "the unit) may be marked wrong there": (
        "Moodle compare les unités telles qu'écrites ({units}) : d'autres graphies que le lecteur accepte "
        "(ml/h, une virgule décimale avant l'unité) peuvent y être comptées fausses"
    ),
    "GIFT numerical questions carry no unit: the number is expected in {unit}, other units ({others}) and the unit "
    "check are lost; use moodle-xml": (
        "les questions numériques GIFT n'ont pas d'unité : le nombre est attendu en {unit}, les autres unités "
        "({others}) et la vérification de l'unité sont perdues ; utilisez moodle-xml"
    ),
    "the tolerance's unit {unit} does not measure what the answer's {answer_unit} does": (
        "l'unité de la tolérance, {unit}, ne mesure pas la même chose que celle de la réponse, {answer_unit}"
    ),
    "the panel changed: saved answers will be scored against the new counts": (
        "le panel a changé : les réponses enregistrées seront notées d'après les nouveaux effectifs"
    ),
    "the vignette ('prompt') is empty": "la vignette (« prompt ») est vide",
    "Moodle's grade list rounds the panel's credits ({changes})": (
        "la liste des notes de Moodle arrondit les crédits du panel ({changes})"
    ),
    "'panel' must list how many experts chose each of the {count} points, from -2 to +2, not {value}": (
        "« panel » doit donner combien d'experts ont choisi chacun des {count} points, de -2 à +2, pas {value}"
    ),
    "e.g. panel: [0, 1, 3, 8, 3]": "par exemple panel: [0, 1, 3, 8, 3]",
    "the panel count for {point} must be a whole number of experts ≥ 0, not {value}": (
        "l'effectif du panel pour {point} doit être un nombre entier d'experts ≥ 0, pas {value}"
    ),
    "the panel has {count} expert(s): a TCS needs at least {least}": (
        "le panel compte {count} expert(s) : un TCS en demande au moins {least}"
    ),
    "the sample list is missing from this installation of ehealth": (
        "la liste d'exemple manque dans cette installation d'ehealth"
    ),
    # The institution's theme in ehealth.toml (merged from the shell branch).
    "{file} is not valid TOML": "{file} n'est pas un TOML valide",
    "[theme] must be a table": "[theme] doit être une table",
    "theme.{key} must be a colour written #rrggbb, not '{value}'": (
        "theme.{key} doit être une couleur écrite #rrggbb, pas « {value} »"
    ),
    "theme.{key} {value} has a contrast of {ratio}:1 on the backgrounds of the {scheme} scheme, below the "
    "{least}:1 that text needs (WCAG 2.1 AA)": (
        "theme.{key} {value} a un contraste de {ratio}:1 sur les fonds du thème {scheme}, sous les {least}:1 "
        "qu'exige un texte (WCAG 2.1 AA)"
    ),
    "light": "clair",
    "dark": "sombre",
    "try {colour}": "essayez {colour}",
    'theme.font must be a list of installed font names, such as "Marianne, Arial, sans-serif"': (
        "theme.font doit être une liste de polices installées, comme « Marianne, Arial, sans-serif »"
    ),
    "theme.logo must be the path of an image file, relative to ehealth.toml": (
        "theme.logo doit être le chemin d'un fichier image, relatif à ehealth.toml"
    ),
    "theme.logo '{logo}' must be a PNG, SVG, JPEG or WebP image": (
        "theme.logo « {logo} » doit être une image PNG, SVG, JPEG ou WebP"
    ),
    "theme.logo '{logo}' is outside the folder of ehealth.toml": (
        "theme.logo « {logo} » est hors du dossier d'ehealth.toml"
    ),
    "theme.logo '{logo}': no such file next to ehealth.toml": (
        "theme.logo « {logo} » : aucun fichier de ce nom à côté d'ehealth.toml"
    ),
    "theme.logo '{logo}' is larger than {size} kB: learners download it on every page": (
        "theme.logo « {logo} » dépasse {size} ko : les apprenants le téléchargent à chaque page"
    ),
    # Dossiers progressifs, key-feature problems, hotspots (merged from the items-b branch).
    "case not closed: no closing ':::' line": "dossier progressif non refermé : il manque la ligne « ::: » de fin",
    "a case step needs a title after '##'": "une étape de dossier progressif a besoin d'un titre après « ## »",
    "step '{title}' has no text: say what the learner learns at this step before asking": (
        "l'étape « {title} » n'a pas de texte : dites ce que l'apprenant découvre à cette étape avant de l'interroger"
    ),
    "step '{title}' has no question: the next step would show at once": (
        "l'étape « {title} » n'a pas de question : l'étape suivante s'afficherait aussitôt"
    ),
    "merge it with the next step, or ask something here": (
        "fusionnez-la avec l'étape suivante, ou posez une question ici"
    ),
    "question '{id}' of a case cannot be in pool '{pool}': a draw could leave a step without its questions": (
        "la question « {id} » d'un dossier progressif ne peut pas être dans la banque « {pool} » : un tirage "
        "pourrait laisser une étape sans ses questions"
    ),
    "text before the case's first step: each step starts with a '## Title' heading": (
        "texte avant la première étape du dossier : chaque étape commence par un titre « ## Titre »"
    ),
    "a case needs at least {least} steps, each starting with a '## Title' heading; it has {count}": (
        "un dossier progressif a besoin d'au moins {least} étapes, chacune commençant par un titre « ## Titre » ; "
        "il en a {count}"
    ),
    "a single step is an ordinary page: drop the '::: case' and ':::' lines": (
        "une seule étape, c'est une page ordinaire : retirez les lignes « ::: case » et « ::: »"
    ),
    "case id '{id}' is not valid: one word of lowercase letters, digits and '-'": (
        "l'identifiant de dossier « {id} » n'est pas valide : un seul mot de minuscules, chiffres et « - »"
    ),
    "a case needs an id: '::: case ID'": "un dossier progressif a besoin d'un identifiant : « ::: case ID »",
    "for example '::: case chute-mme-d'": "par exemple « ::: case chute-mme-d »",
    "question of case '{case}': exported on its own, the text of the steps up to its own before its prompt; "
    "Moodle cannot reveal the steps one after the other": (
        "question du dossier « {case} » : exportée seule, précédée du texte des étapes jusqu'à la sienne ; "
        "Moodle ne sait pas dévoiler les étapes l'une après l'autre"
    ),
    "a case must sit at the top level of a page, not inside a case, list, quote or call-out": (
        "un dossier progressif doit être au premier niveau de la page, pas dans un autre dossier, une liste, "
        "une citation ou un encadré"
    ),
    "case id '{id}' is already used by the case at line {line}": (
        "l'identifiant de dossier « {id} » est déjà pris par le dossier de la ligne {line}"
    ),
    "zone {number} goes outside the image, which is {width} × {height} pixels (zone from {left},{top} to "
    "{right},{bottom})": (
        "la zone {number} sort de l'image, qui mesure {width} × {height} pixels (zone de {left},{top} à "
        "{right},{bottom})"
    ),
    "coordinates are in the image's own pixels, from its top left corner": (
        "les coordonnées sont en pixels de l'image, depuis son coin haut gauche"
    ),
    "left out: Moodle's drag-and-drop markers grade each zone on its own, not one point in any of {count} zones": (
        "laissée de côté : les marqueurs glisser-déposer de Moodle notent chaque zone séparément, pas un point "
        "dans l'une de {count} zones"
    ),
    "in Moodle the learner drags a marker onto the image (no sliders), and the zone's coordinates are rounded "
    "to whole pixels": (
        "dans Moodle l'apprenant fait glisser un marqueur sur l'image (sans curseurs), et les coordonnées de la "
        "zone sont arrondies au pixel"
    ),
    "left out of GIFT: GIFT has no drag-and-drop markers (use Moodle XML)": (
        "laissée hors du GIFT : le GIFT n'a pas de marqueurs glisser-déposer (utilisez Moodle XML)"
    ),
    "'image' must be the path of an image file of the module, not {value}": (
        "« image » doit être le chemin d'un fichier image du module, pas {value}"
    ),
    "'alt' must describe the image for those who cannot see it, without the answer": (
        "« alt » doit décrire l'image pour qui ne la voit pas, sans donner la réponse"
    ),
    "the size of image '{image}' cannot be read: use a PNG, JPEG, GIF, WebP, or SVG with width and height": (
        "la taille de l'image « {image} » est illisible : utilisez un PNG, JPEG, GIF, WebP, ou un SVG avec "
        "largeur et hauteur"
    ),
    "image '{image}' is {width} × {height} pixels: a hotspot image is at most {most} pixels a side": (
        "l'image « {image} » mesure {width} × {height} pixels : une image de zone à pointer a au plus {most} "
        "pixels de côté"
    ),
    "write {{rect: [x, y, width, height]}}, {{circle: [x, y, radius]}} or {{polygon: [[x1, y1], [x2, y2], "
    "[x3, y3]]}}, in the image's pixels": (
        "écrivez {{rect: [x, y, largeur, hauteur]}}, {{circle: [x, y, rayon]}} ou {{polygon: [[x1, y1], "
        "[x2, y2], [x3, y3]]}}, en pixels de l'image"
    ),
    "zone {number} must be one of rect, circle or polygon, not {value}": (
        "la zone {number} doit être rect, circle ou polygon, pas {value}"
    ),
    "zone {number}: '{shape}' takes {count} numbers, not {value}": (
        "zone {number} : « {shape} » prend {count} nombres, pas {value}"
    ),
    "zone {number}: the size of a {shape} must be positive": "zone {number} : la taille d'un {shape} doit être positive",
    "zone {number}: 'polygon' takes 3 to {most} points [x, y], not {value}": (
        "zone {number} : « polygon » prend de 3 à {most} points [x, y], pas {value}"
    ),
    "zone {number}: each point of a polygon is [x, y]": "zone {number} : chaque point d'un polygone s'écrit [x, y]",
    "zone {number}: the polygon's points are on one line: it covers nothing": (
        "zone {number} : les points du polygone sont alignés : il ne couvre rien"
    ),
    "zone {number}: unknown shape '{shape}': expected rect, circle or polygon": (
        "zone {number} : forme « {shape} » inconnue : rect, circle ou polygon attendu"
    ),
    "the zones changed: saved points will be scored against the new ones": (
        "les zones ont changé : les points enregistrés seront notés d'après les nouvelles"
    ),
    "left out: Moodle's grade list cannot split 100% evenly among {keys} key features": (
        "laissée de côté : la liste des notes de Moodle ne sait pas partager 100 % également entre {keys} éléments clés"
    ),
    "Moodle does not stop a learner from checking more than {select} actions (a multiple-answer question): say "
    "the limit in the prompt": (
        "Moodle n'empêche pas l'apprenant de cocher plus de {select} actions (question à réponses multiples) : "
        "donnez la limite dans l'énoncé"
    ),
    "action {number} must start with '[x] ' (key feature), '[!] ' (dangerous) or '[ ] ' (other)": (
        "l'action {number} doit commencer par « [x] » (élément clé), « [!] » (dangereuse) ou « [ ] » (autre)"
    ),
    'write "[x] text", "[!] text" or "[ ] text", or {{text, correct, dangerous}}': (
        "écrivez « [x] texte », « [!] texte » ou « [ ] texte », ou {{text, correct, dangerous}}"
    ),
    "in an action": "dans une action",
    "in the action": "dans l'action",
    "action {number} cannot be both a key feature and dangerous": (
        "l'action {number} ne peut pas être à la fois un élément clé et dangereuse"
    ),
    "action {number} must be a text or a mapping, not {value}": (
        "l'action {number} doit être un texte ou un ensemble de clés, pas {value}"
    ),
    "the key features or dangerous actions changed: saved answers will be scored against the new ones": (
        "les éléments clés ou les actions dangereuses ont changé : les réponses enregistrées seront notées "
        "d'après les nouveaux"
    ),
    "a 'kfp' question needs at least one key feature: an action written '[x] …'": (
        "une question « kfp » a besoin d'au moins un élément clé : une action écrite « [x] … »"
    ),
    "'select' must be between the number of key features ({keys}) and of actions ({actions}), not {select}": (
        "« select » doit être entre le nombre d'éléments clés ({keys}) et celui des actions ({actions}), pas {select}"
    ),
    # ehealth build --previous (packager/previous.py) and ehealth compat C113
    "the old version reads pages seen by position (state format {old}) against the page list it was built with, "
    "which the new one does not carry: learners who resume such a state keep their answers but see their pages as "
    "not yet seen": (
        "l'ancienne version lit les pages vues par position (format d'état {old}) d'après la liste de pages avec "
        "laquelle elle a été construite, que la nouvelle ne porte pas : les apprenants qui reprennent un tel état "
        "gardent leurs réponses mais voient leurs pages comme non vues"
    ),
    "cannot list it ({reason})": "impossible d'en lister le contenu ({reason})",
    "no package in it: give a package zip, a web folder, or a folder of them": (
        "aucun paquet dedans : donnez un paquet zip, un dossier web, ou un dossier qui en contient"
    ),
    "more than {count} packages in it: give the folder of the packages learners use now": (
        "plus de {count} paquets dedans : donnez le dossier des paquets qu'utilisent les apprenants aujourd'hui"
    ),
    "not a package: give a package zip, a web folder, or a folder of them": (
        "ce n'est pas un paquet : donnez un paquet zip, un dossier web, ou un dossier qui en contient"
    ),
    "cannot read it as a previous package: {reason}": "impossible de le lire comme paquet précédent : {reason}",
    "it is a package of {found}, not of module '{id}': give the package learners of '{id}' use now": (
        "c'est un paquet de {found}, pas du module « {id} » : donnez le paquet qu'utilisent aujourd'hui les "
        "apprenants de « {id} »"
    ),
    "it holds several versions of module '{id}' ({versions}): give the package learners use now": (
        "il contient plusieurs versions du module « {id} » ({versions}) : donnez le paquet qu'utilisent les "
        "apprenants aujourd'hui"
    ),
    "version {previous} of module '{id}' is later than the one being built ({version}): "
    "give the package learners use now": (
        "la version {previous} du module « {id} » est postérieure à celle que l'on construit ({version}) : "
        "donnez le paquet qu'utilisent les apprenants aujourd'hui"
    ),
    "its packages of module '{id}' {version} disagree on the pages: give the package learners use now": (
        "ses paquets du module « {id} » {version} n'ont pas les mêmes pages : donnez le paquet qu'utilisent les "
        "apprenants aujourd'hui"
    ),
    "the module id is missing or not an id": "l'identifiant du module manque ou n'est pas un identifiant",
    "the module version is missing or not MAJOR.MINOR.PATCH": (
        "la version du module manque ou n'est pas de la forme MAJEUR.MINEUR.CORRECTIF"
    ),
    "the saved-state format is not one this version knows": (
        "le format d'état enregistré n'est pas un de ceux que cette version connaît"
    ),
    "the page list is missing, too long, or holds something other than page ids": (
        "la liste des pages manque, est trop longue, ou contient autre chose que des identifiants de page"
    ),
    "the page list names a page twice": "la liste des pages nomme deux fois la même page",
    "damaged embedded data: {reason}": "données embarquées endommagées : {reason}",
    # ehealth panel: the experts' forms for the TCS panels (tcs_panel.py, cli_panel.py).
    "cannot read this form: {why}": "impossible de lire ce questionnaire : {why}",
    "not a file": "ce n'est pas un fichier",
    "this is a spreadsheet file (.xlsx, .xls or .ods): save it as CSV and import that": (
        "c'est un fichier de tableur (.xlsx, .xls ou .ods) : enregistrez-le au format CSV et importez celui-ci"
    ),
    "not text: expected a CSV file in UTF-8 or Windows-1252": (
        "ce n'est pas du texte : un fichier CSV en UTF-8 ou en Windows-1252 est attendu"
    ),
    "no header row with the columns 'id' and 'réponse (-2 à +2)' (or 'answer'): is this a panel form?": (
        "aucune ligne d'en-tête avec les colonnes « id » et « réponse (-2 à +2) » (ou « answer ») : "
        "est-ce bien un questionnaire de panel ?"
    ),
    "make the form with 'ehealth panel export'": "créez le questionnaire avec « ehealth panel export »",
    "a quote opened here is never closed": "un guillemet ouvert ici n'est jamais fermé",
    "'{value}' is not a point of the scale: write -2, -1, 0, +1 or +2, or leave it empty": (
        "« {value} » n'est pas un point de l'échelle : écrivez -2, -1, 0, +1 ou +2, ou laissez la case vide"
    ),
    "item '{id}' is answered twice in this form (first on line {line})": (
        "l'item « {id} » a deux réponses dans ce questionnaire (la première ligne {line})"
    ),
    "unknown item '{id}': not a TCS item of the modules given; its answer is ignored": (
        "item inconnu « {id} » : ce n'est pas un TCS des modules donnés ; sa réponse est ignorée"
    ),
    "'{id}': {count} expert(s) answered, fewer than the {least} a panel needs: its panel is kept": (
        "« {id} » : {count} expert(s) ont répondu, moins que les {least} qu'il faut à un panel : son panel est gardé"
    ),
    "'{id}': {count} expert(s) answered; the TCS literature recommends at least {least} "
    "(Charlin et al. 2006; Dory et al. 2012)": (
        "« {id} » : {count} expert(s) ont répondu ; la littérature sur les TCS en recommande au moins {least} "
        "(Charlin et al. 2006 ; Dory et al. 2012)"
    ),
    "'{id}': the panel is split {counts}: a third or more of the experts on each side of the scale; review the "
    "item (vignette, hypothesis, information) before using it": (
        "« {id} » : le panel est partagé {counts} : un tiers des experts ou plus de chaque côté de l'échelle ; "
        "revoyez l'item (vignette, hypothèse, information) avant de l'utiliser"
    ),
    "'{id}': the modal point changes ({old} → {new}): the key learners see changes; check the explanation and "
    "note it in the review record": (
        "« {id} » : le point modal change ({old} → {new}) : la réponse attendue que voit l'apprenant change ; "
        "vérifiez l'explication et notez-le dans le registre de relecture"
    ),
    "{items} TCS item(s) from {modules} module(s) written to {path}: send one copy to each expert, then read the "
    "filled copies back with 'ehealth panel import'": (
        "{items} TCS de {modules} module(s) écrits dans {path} : envoyez-en une copie à chaque expert, puis lisez "
        "les copies remplies avec « ehealth panel import »"
    ),
    "no TCS item in the modules given": "aucun TCS dans les modules donnés",
    "give the filled forms (CSV files) and the modules (folders or .md files)": (
        "donnez les questionnaires remplis (fichiers CSV) et les modules (dossiers ou fichiers .md)"
    ),
    "{module} {id}: current {old}, new {new} ({count} expert(s) answered)": (
        "{module} {id} : panel actuel {old}, nouveau {new} ({count} expert(s) ont répondu)"
    ),
    "{count} error(s) in the forms: nothing written": "{count} erreur(s) dans les questionnaires : rien n'est écrit",
    "{forms} form(s), {items} item(s): {changed} panel(s) would change; add --write to write them": (
        "{forms} questionnaire(s), {items} item(s) : {changed} panel(s) changeraient ; ajoutez --write pour les écrire"
    ),
    "{changed} panel(s) rewritten in {files} file(s)": "{changed} panel(s) réécrit(s) dans {files} fichier(s)",
    "{file}:{line}: '{id}' not rewritten: write its panel on one line, as panel: [a, b, c, d, e]": (
        "{file}:{line} : « {id} » n'est pas réécrit : écrivez son panel sur une ligne, comme panel: [a, b, c, d, e]"
    ),
    "{file}: the rewritten panels do not read back as written: file left unchanged": (
        "{file} : les panels réécrits ne se relisent pas tels qu'écrits : le fichier n'est pas modifié"
    ),
    "the answers for module '{module}' are ignored: it is not among the modules given": (
        "les réponses pour le module « {module} » sont ignorées : il n'est pas parmi les modules donnés"
    ),
    "more than {rows:,} rows, {columns:,} columns or {cells:,} cells: this is not a panel form": (
        "plus de {rows:,} lignes, {columns:,} colonnes ou {cells:,} cases : ce n'est pas un questionnaire de panel"
    ),
}
