// Sources, preset `ga4`: Google Analytics 4 report exports (Explore / Reports "Download CSV").
// `#` preamble lines, several tables separated by blank lines (only the first is read), a
// `Grand total` row, `Date` as YYYYMMDD, rates as fractions, times in seconds.
import type { Preset } from './preset.js';

export const GA4: Preset = {
  name: 'ga4',
  delimiter: ',',
  decimal: '.',
  comment: '#',
  totals: ['Grand total', 'Итого', 'Total général', 'Totals', 'Total'],
  noValue: ['(not set)'],
  firstTableOnly: true,
  startDateComment: true,
  skipLines: 0,
  columns: [
    { name: 'date', type: 'date', dateFormat: 'YYYYMMDD', from: ['Date', 'Дата', 'Date'] },
    { name: 'session_default_channel_group', type: 'text', from: ['Session default channel group', 'Группа каналов по умолчанию для сеанса', 'Groupe de canaux par défaut de la session', 'Session primary channel group (Default Channel Group)'] },
    { name: 'session_source_medium', type: 'text', from: ['Session source / medium', 'Источник/канал сеанса', 'Source/Support de la session'] },
    { name: 'event_name', type: 'text', from: ['Event name', 'Название события', "Nom de l'événement"] },
    { name: 'sessions', type: 'count', from: ['Sessions', 'Сеансы', 'Sessions'] },
    { name: 'engaged_sessions', type: 'count', from: ['Engaged sessions', 'Сеансы с взаимодействием', 'Sessions avec engagement'] },
    { name: 'engagement_rate', type: 'percent', percent: 'fraction', from: ['Engagement rate', 'Коэффициент взаимодействия', "Taux d'engagement"] },
    { name: 'bounce_rate', type: 'percent', percent: 'fraction', from: ['Bounce rate', 'Показатель отказов', 'Taux de rebond'] },
    { name: 'average_engagement_time', type: 'duration', from: ['Average engagement time per session', 'Среднее время взаимодействия на сеанс', "Durée d'engagement moyenne par session", 'Average engagement time'] },
    { name: 'views', type: 'count', from: ['Views', 'Просмотры', 'Vues'] },
    { name: 'event_count', type: 'count', from: ['Event count', 'Количество событий', "Nombre d'événements"] },
    { name: 'key_events', type: 'number', from: ['Key events', 'Ключевые события', 'Événements clés', 'Conversions'] },
    { name: 'total_users', type: 'count', nonAdditive: true, from: ['Total users', 'Всего пользователей', "Nombre total d'utilisateurs"] },
    { name: 'active_users', type: 'count', nonAdditive: true, from: ['Active users', 'Активные пользователи', 'Utilisateurs actifs', 'Users'] },
    { name: 'new_users', type: 'count', from: ['New users', 'Новые пользователи', 'Nouveaux utilisateurs'] },
  ],
};
