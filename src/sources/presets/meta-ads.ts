// Sources, preset `meta-ads`: Meta Ads Manager exports. The currency is in the money headers
// (`Amount spent (RUB)`); `Results` of different result indicators are not summable together.
import type { Preset } from './preset.js';

export const META_ADS: Preset = {
  name: 'meta-ads',
  delimiter: ',',
  decimal: '.',
  totals: [],
  noValue: [],
  firstTableOnly: false,
  startDateComment: false,
  skipLines: 0,
  columns: [
    { name: 'reporting_starts', type: 'date', dateFormat: 'YYYY-MM-DD', from: ['Reporting starts', 'Дата начала отчетности', 'Дата начала отчётности', 'Début des rapports'] },
    { name: 'reporting_ends', type: 'date', dateFormat: 'YYYY-MM-DD', from: ['Reporting ends', 'Дата окончания отчетности', 'Дата окончания отчётности', 'Fin des rapports'] },
    { name: 'campaign_name', type: 'text', from: ['Campaign name', 'Название кампании', 'Nom de la campagne'] },
    { name: 'ad_set_name', type: 'text', from: ['Ad set name', 'Название группы объявлений', "Nom de l'ensemble de publicités"] },
    { name: 'result_indicator', type: 'text', from: ['Result indicator', 'Индикатор результатов', 'Indicateur de résultat'] },
    { name: 'results', type: 'number', from: ['Results', 'Результаты', 'Résultats'] },
    { name: 'reach', type: 'count', nonAdditive: true, from: ['Reach', 'Охват', 'Couverture'] },
    { name: 'impressions', type: 'count', from: ['Impressions', 'Показы', 'Impressions'] },
    { name: 'link_clicks', type: 'count', from: ['Link clicks', 'Клики по ссылке', 'Clics sur un lien'] },
    { name: 'amount_spent', type: 'money', from: ['Amount spent ({currency})', 'Потраченная сумма ({currency})', 'Montant dépensé ({currency})'] },
    { name: 'cpm', type: 'money', nonAdditive: true, from: ['CPM (cost per 1,000 impressions) ({currency})', 'CPM (цена за 1 000 показов) ({currency})', 'CPM (coût pour 1 000 impressions) ({currency})'] },
    { name: 'ctr', type: 'percent', percent: 'units', from: ['CTR (link click-through rate)', 'CTR (кликабельность ссылки)', 'CTR (taux de clics sur le lien)', 'CTR (all)'] },
  ],
};
