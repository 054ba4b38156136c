// Sources, preset `yandex-metrica`: Yandex.Metrica report exports (CSV, with or without BOM,
// `,` `;` or tab). The `Итого и средние` row is not data; bounce rate is in percent units;
// time on site is seconds or h:mm:ss; traffic source names map to stable ids.
import type { Preset } from './preset.js';

/** Metrica's traffic source names (Russian and English UI) -> the ids of its API. */
const TRAFFIC_SOURCES: Readonly<Record<string, string>> = {
  'Прямые заходы': 'direct',
  'Direct traffic': 'direct',
  'Переходы из рекламных систем': 'ad',
  'Переходы по рекламе': 'ad',
  'Ad traffic': 'ad',
  'Переходы из поисковых систем': 'organic',
  'Search engine traffic': 'organic',
  'Переходы из социальных сетей': 'social',
  'Social network traffic': 'social',
  'Внутренние переходы': 'internal',
  'Internal traffic': 'internal',
  'Переходы по ссылкам на сайтах': 'referral',
  'Link traffic': 'referral',
  'Переходы с сохранённых страниц': 'saved',
  'Переходы с сохраненных страниц': 'saved',
  'Cached page traffic': 'saved',
  'Переходы из рекомендательных систем': 'recommend',
  'Recommendation system traffic': 'recommend',
  'Переходы из мессенджеров': 'messenger',
  'Messenger traffic': 'messenger',
  'Переходы из почтовых рассылок': 'email',
  'Mailing traffic': 'email',
  'Не определено': 'undefined',
  'Not defined': 'undefined',
};

export const YANDEX_METRICA: Preset = {
  name: 'yandex-metrica',
  decimal: 'auto',
  totals: ['Итого и средние', 'Total and averages', 'Totals and averages', 'Итого'],
  noValue: [],
  firstTableOnly: false,
  startDateComment: false,
  skipLines: 0,
  columns: [
    { name: 'date', type: 'date', dateFormat: 'YYYY-MM-DD', from: ['Дата визита', 'Date of visit', 'Дата', 'Date'] },
    { name: 'traffic_source', type: 'text', values: TRAFFIC_SOURCES, from: ['Источник трафика', 'Traffic source'] },
    { name: 'visits', type: 'count', from: ['Визиты', 'Sessions', 'Visits'] },
    { name: 'users', type: 'count', nonAdditive: true, from: ['Посетители', 'Users', 'Visitors'] },
    { name: 'pageviews', type: 'count', from: ['Просмотры', 'Pageviews'] },
    { name: 'bounce_rate', type: 'percent', percent: 'units', from: ['Отказы', 'Bounce rate'] },
    { name: 'page_depth', type: 'number', from: ['Глубина просмотра', 'Page depth'] },
    { name: 'avg_visit_duration', type: 'duration', from: ['Время на сайте', 'Time on site', 'Avg. visit duration'] },
    { name: 'goal_reaches', type: 'count', from: ['Достижения целей', 'Goal reaches', 'Целевые визиты', 'Target visits'] },
  ],
};
