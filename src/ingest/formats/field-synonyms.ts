import type { MappedField } from '../../domain/field-mapping';

/**
 * What partners call each posting field, in English, German, French, Spanish, Dutch and Portuguese: element and key
 * names seen in real job exports (lower case, without accents, separators or word breaks: "datecreation",
 * "url_detail" is matched by its word "url"). A name equal to a synonym is a strong match, a name holding one as
 * a word a weaker one.
 */
// prettier-ignore
const SYNONYMS: Record<MappedField, string[]> = {
  title: [
    'title', 'jobtitle', 'positiontitle', 'heading', 'headline', 'position', 'designation', 'role',
    'titel', 'jobtitel', 'stellentitel', 'stellenbezeichnung', 'berufsbezeichnung', 'bezeichnung',
    'intitule', 'intituleposte', 'titre', 'titreoffre', 'poste',
    'puesto', 'titulo', 'tituloempleo', 'nombrepuesto',
    'functie', 'functietitel', 'functienaam', 'vacaturetitel',
    'cargo', 'titulovaga', 'nomevaga',
  ],
  url: [
    'url', 'link', 'href', 'joburl', 'applyurl', 'applicationurl', 'absoluteurl', 'hostedurl', 'permalink',
    'detailurl', 'urldetail', 'lien', 'enlace', 'stellenlink', 'vacatureurl', 'vacaturelink', 'aplicacao',
    'candidatura', 'linkvaga',
  ],
  externalId: [
    'id', 'jobid', 'ref', 'reference', 'referencenumber', 'referenceid', 'refnr', 'refno', 'code', 'jobcode',
    'guid', 'shortcode', 'kennung', 'stellenid', 'referenz', 'referenznummer', 'chiffre', 'identifiant',
    'idoffre', 'codigo', 'referencia', 'referentie', 'vacatureid', 'vacaturenummer', 'nummer', 'codigovaga',
  ],
  date: [
    'date', 'posted', 'posteddate', 'dateposted', 'pubdate', 'publishdate', 'published', 'publishedat',
    'publicationdate', 'createdat', 'created', 'datum', 'veroeffentlicht', 'veroffentlicht',
    'veroeffentlichtam', 'veroffentlichungsdatum', 'erstellt', 'erstelltam', 'eingestellt', 'datecreation',
    'datepublication', 'fecha', 'fechapublicacion', 'publicatiedatum', 'plaatsingsdatum', 'datapublicacao',
    'datacriacao', 'data',
  ],
  validThrough: [
    'validthrough', 'expires', 'expiry', 'expirydate', 'expirationdate', 'enddate', 'closingdate', 'deadline',
    'bewerbungsfrist', 'ablaufdatum', 'gueltigbis', 'gultigbis', 'datefin', 'datelimite', 'fechafin',
    'fechalimite', 'sluitingsdatum', 'einddatum', 'datalimite', 'validade',
  ],
  description: [
    'description', 'desc', 'body', 'content', 'text', 'summary', 'details', 'beschreibung',
    'stellenbeschreibung', 'anzeigentext', 'descriptif', 'descriptionposte', 'descripcion', 'descricao',
    'omschrijving', 'vacaturetekst', 'tekst',
  ],
  company: [
    'company', 'companyname', 'employer', 'organization', 'organisation', 'firm', 'hiringorganization',
    'unternehmen', 'firma', 'arbeitgeber', 'entreprise', 'societe', 'employeur', 'empresa', 'bedrijf',
    'werkgever', 'organisatie', 'nomeempresa',
  ],
  location: [
    'location', 'city', 'place', 'town', 'locality', 'ort', 'arbeitsort', 'einsatzort', 'dienstort',
    'standort', 'stadt', 'lieu', 'ville', 'commune', 'localisation', 'lieutravail', 'ubicacion', 'ciudad',
    'localidad', 'lugar', 'plaats', 'standplaats', 'werklocatie', 'locatie', 'cidade', 'local', 'localizacao',
  ],
  employmentType: [
    'employmenttype', 'jobtype', 'contract', 'contracttype', 'beschaeftigungsart', 'beschaftigungsart',
    'anstellungsart', 'vertragsart', 'arbeitszeit', 'contrat', 'typecontrat', 'tipocontrato', 'jornada',
    'dienstverband', 'contractvorm', 'contrato', 'regimecontratacao',
  ],
  salary: [
    'salary', 'pay', 'compensation', 'gehalt', 'verguetung', 'vergutung', 'salaire', 'remuneration',
    'salario', 'sueldo', 'salaris', 'loon',
  ],
  remote: ['remote', 'telecommute', 'homeoffice', 'teletravail', 'remoto', 'teletrabajo', 'thuiswerken'],
};

/** Leaf names that say nothing alone; under a parent named for a field ("firm.name", "lieuTravail.libelle") they are it. */
const GENERIC_LEAVES = new Set([
  'name',
  'nom',
  'naam',
  'nombre',
  'nome',
  'label',
  'libelle',
  'text',
  'value',
]);

/** Record and container names of job documents, for records whose only title is a "name". */
// prettier-ignore
const JOB_WORDS = [
  'job', 'position', 'vacanc', 'opening', 'posting', 'offer', 'career', 'advert', 'listing', 'opportunit',
  'stelle', 'anzeige', 'offre', 'emploi', 'annonce', 'oferta', 'empleo', 'vacante', 'vacature', 'vaga',
];

/** Record and container names of documents that look like records but are not postings. */
// prettier-ignore
const NOT_POSTINGS = new Set([
  'error', 'errors', 'fault', 'exception', 'message', 'messages', 'warning', 'warnings', 'status', 'url',
  'sitemap', 'outline', 'event', 'events', 'log', 'product', 'products', 'article', 'articles',
]);

const SYNONYM_SETS = Object.fromEntries(
  Object.entries(SYNONYMS).map(([field, names]) => [field, new Set(names)]),
) as Record<MappedField, Set<string>>;

/**
 * How strongly a record path's name says it holds `field`: 3 the name is a synonym, 2 one of its words is,
 * 1.5 a generic leaf under a parent that is one, 1 a bare "name" as a title; 0 no match.
 */
export function nameScore(field: MappedField, path: string): number {
  const segments = path.split(/[.@]/).filter(Boolean);
  const leaf = segments.at(-1) ?? '';
  const synonyms = SYNONYM_SETS[field];
  const leafWords = words(leaf);
  if (synonyms.has(leafWords.join(''))) return 3;
  if (leafWords.some((word) => synonyms.has(word))) return 2;
  const parent = segments.at(-2);
  if (parent && GENERIC_LEAVES.has(leafWords.join('')) && synonyms.has(words(parent).join(''))) return 1.5;
  if (field === 'title' && segments.length === 1 && GENERIC_LEAVES.has(leafWords.join(''))) return 1;
  return 0;
}

export function isJobWord(name: string): boolean {
  const compact = words(name).join('');
  return JOB_WORDS.some((word) => compact.includes(word));
}

export function isNotPostingName(name: string): boolean {
  return NOT_POSTINGS.has(words(name).join(''));
}

/** "dateCreation" -> ["date", "creation"], "url_detail" -> ["url", "detail"], "Veröffentlicht" -> ["veroffentlicht"]. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
