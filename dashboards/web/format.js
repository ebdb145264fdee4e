// Numbers by a value's `format` (dashboards/README.md): integer, number, percent, score, currency, days, date, text.

// The locale and currency symbol come from the server (GraphQL `display`, from Reports:Locale and
// Reports:CurrencySymbol), so the UI writes figures as the PDF does; configure() sets them once signed in.
let symbol = '$';
let integer, number, one;
configure({ locale: 'en-US', currencySymbol: '$' });

export function configure({ locale, currencySymbol }) {
  symbol = currencySymbol;
  integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  number = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

// As the PDF writes amounts (ValueFormatter): the symbol, whole units, millions as "1.25M".
function currency(value) {
  const magnitude = Math.abs(value);
  const text = magnitude >= 1_000_000 ? `${number.format(magnitude / 1_000_000)}M` : integer.format(magnitude);
  return `${value < 0 ? '-' : ''}${symbol}${text}`;
}

export const NONE = '—';

export function format(value, kind) {
  if (value === null || value === undefined || value === '') return NONE;
  if (typeof value !== 'number') {
    return kind === 'date' ? String(value).slice(0, 10) : String(value);
  }
  switch (kind) {
    case 'integer': return integer.format(value);
    case 'percent': return `${one.format(value * 100)}%`;
    case 'score': return one.format(value);
    case 'currency': return currency(value);
    case 'days': return `${one.format(value)} d`;
    case 'text': return String(value);
    default: return number.format(value);
  }
}

/** A change against the window before, signed, in the value's format (percentages in points). */
export function formatChange(current, previous, kind) {
  if (typeof current !== 'number' || typeof previous !== 'number') return null;
  const diff = current - previous;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  const size = Math.abs(diff);
  const text = kind === 'percent' ? `${one.format(size * 100)} pts` : format(size, kind === 'currency' ? 'currency' : kind === 'integer' ? 'integer' : 'score');
  return { text: `${sign}${text}`, direction: diff > 0 ? 'up' : diff < 0 ? 'down' : 'flat' };
}

/** A raw value as tests and the CSV read it back: numbers and text as they came, null as "null". */
export function raw(value) {
  return value === null || value === undefined ? 'null' : String(value);
}
