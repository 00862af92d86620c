// ISO 639-1 and 639-2 (B and T) codes of common audio/subtitle languages → English names.
export const LANGUAGES: Record<string, string> = {
  en: 'English', eng: 'English', fr: 'French', fre: 'French', fra: 'French', de: 'German', ger: 'German',
  deu: 'German', es: 'Spanish', spa: 'Spanish', it: 'Italian', ita: 'Italian', pt: 'Portuguese', por: 'Portuguese',
  ru: 'Russian', rus: 'Russian', uk: 'Ukrainian', ukr: 'Ukrainian', pl: 'Polish', pol: 'Polish', nl: 'Dutch',
  dut: 'Dutch', nld: 'Dutch', sv: 'Swedish', swe: 'Swedish', no: 'Norwegian', nor: 'Norwegian', da: 'Danish',
  dan: 'Danish', fi: 'Finnish', fin: 'Finnish', cs: 'Czech', cze: 'Czech', ces: 'Czech', hu: 'Hungarian',
  hun: 'Hungarian', tr: 'Turkish', tur: 'Turkish', el: 'Greek', gre: 'Greek', ell: 'Greek', ja: 'Japanese',
  jpn: 'Japanese', ko: 'Korean', kor: 'Korean', zh: 'Chinese', chi: 'Chinese', zho: 'Chinese', ar: 'Arabic',
  ara: 'Arabic', he: 'Hebrew', heb: 'Hebrew', hi: 'Hindi', hin: 'Hindi',
};
