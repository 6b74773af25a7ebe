/**
 * The visible words of a job list shown on another site (the widget and the embed page), per language: its default
 * heading, the empty and error notes, and the screen-reader note on each link. Ages come from Intl.RelativeTimeFormat.
 */
const STRINGS: Record<string, string> = {
  en: 'Recent jobs|No open positions right now. Check back soon.|Job listings are unavailable at the moment.|opens in a new tab',
  de: 'Aktuelle Jobs|Zurzeit gibt es keine offenen Stellen. Schauen Sie bald wieder vorbei.|Die Stellenangebote sind gerade nicht verfügbar.|öffnet in einem neuen Tab',
  fr: 'Offres récentes|Aucune offre pour le moment. Revenez bientôt.|Les offres sont indisponibles pour le moment.|s’ouvre dans un nouvel onglet',
  es: 'Empleos recientes|No hay ofertas en este momento. Vuelva pronto.|Las ofertas no están disponibles en este momento.|se abre en una pestaña nueva',
  nl: 'Recente vacatures|Er zijn nu geen vacatures. Kom snel terug.|De vacatures zijn op dit moment niet beschikbaar.|opent in een nieuw tabblad',
  pt: 'Vagas recentes|Nenhuma vaga aberta no momento. Volte em breve.|As vagas não estão disponíveis no momento.|abre em uma nova aba',
};

export interface ListStrings {
  heading: string;
  empty: string;
  error: string;
  newTab: string;
}

/** A language tag Intl accepts ("de-CH"), or "en" for anything else. */
export function listLocale(tag: string | null | undefined): string {
  try {
    return Intl.getCanonicalLocales(tag || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** The strings of a locale's language ("de-CH" reads "de"); English for a language not in the table. */
export function listStrings(locale: string): ListStrings {
  const text = STRINGS[locale.split('-')[0]!.toLowerCase()] ?? STRINGS.en!;
  const [heading, empty, error, newTab] = text.split('|') as [string, string, string, string];
  return { heading, empty, error, newTab };
}
