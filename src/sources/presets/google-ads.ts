// Sources, preset `google-ads`: Google Ads report downloads (CSV). A title line and a date-range
// line precede the header; `Total: ...` rows are not data; `--` is no value; `10.00%`, `"9,38%"`
// and `"1,000"` are read exactly; the cost's currency is the `Currency code` column.
import type { Preset } from './preset.js';

export const GOOGLE_ADS: Preset = {
  name: 'google-ads',
  delimiter: ',',
  decimal: 'auto',
  totals: [],
  totalsPrefixes: ['Total:', 'Итого:', 'Total :'],
  noValue: ['--', ' --'],
  firstTableOnly: false,
  startDateComment: false,
  skipLines: 2,
  columns: [
    { name: 'date', type: 'date', dateFormat: 'YYYY-MM-DD', from: ['Day', 'День', 'Jour', 'Date'] },
    { name: 'campaign', type: 'text', from: ['Campaign', 'Кампания', 'Campagne'] },
    { name: 'campaign_status', type: 'text', from: ['Campaign status', 'Статус кампании', 'État de la campagne'] },
    { name: 'currency_code', type: 'text', from: ['Currency code', 'Код валюты', 'Code de la devise'] },
    { name: 'clicks', type: 'count', from: ['Clicks', 'Клики', 'Clics'] },
    { name: 'impressions', type: 'count', from: ['Impr.', 'Impressions', 'Показы'] },
    { name: 'ctr', type: 'percent', from: ['CTR'] },
    { name: 'cost', type: 'money', currencyColumn: 'currency_code', from: ['Cost', 'Стоимость', 'Coût'] },
    { name: 'conversions', type: 'number', from: ['Conversions', 'Конверсии'] },
  ],
};
