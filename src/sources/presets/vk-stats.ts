// Sources, preset `vk-stats`: VK community statistics exports (`;`-separated, DD.MM.YYYY dates).
// `members` is a level (use last; its sum is an error); a sum of the daily `reach` is warned
// about (W093: SPEC 9 does not mark it as not additive); visit referral sources map to ids.
import type { Preset } from './preset.js';

/** VK's referral sources of community visits -> stable ids. */
const VISIT_SOURCES: Readonly<Record<string, string>> = {
  'Прямые ссылки': 'direct_links',
  'Direct links': 'direct_links',
  'Закладки': 'bookmarks',
  'Bookmarks': 'bookmarks',
  'Мои сообщества': 'my_groups',
  'Мои группы': 'my_groups',
  'My groups': 'my_groups',
  'My communities': 'my_groups',
  'Поиск': 'search',
  'Search': 'search',
  'Поиск ВКонтакте': 'search',
  'Новости': 'news',
  'News': 'news',
  'Внешние сайты': 'external',
  'External sites': 'external',
  'Рекомендации': 'recommendations',
  'Recommendations': 'recommendations',
  'Реклама': 'ads',
  'Advertising': 'ads',
  'Другое': 'other',
  'Other': 'other',
};

export const VK_STATS: Preset = {
  name: 'vk-stats',
  delimiter: ';',
  decimal: 'auto',
  totals: ['Итого', 'Всего', 'Total'],
  noValue: [],
  firstTableOnly: false,
  startDateComment: false,
  skipLines: 0,
  columns: [
    { name: 'date', type: 'date', dateFormat: 'DD.MM.YYYY', from: ['Дата', 'Date', 'День', 'Day'] },
    { name: 'source', type: 'text', values: VISIT_SOURCES, from: ['Источник', 'Source', 'Источник перехода'] },
    { name: 'visitors', type: 'count', from: ['Уникальные посетители', 'Посетители', 'Unique visitors', 'Visitors'] },
    { name: 'views', type: 'count', from: ['Просмотры', 'Views'] },
    { name: 'reach', type: 'count', sumWarns: true, from: ['Полный охват', 'Охват', 'Total reach', 'Reach'] },
    { name: 'reach_subscribers', type: 'count', sumWarns: true, from: ['Охват подписчиков', 'Subscriber reach', 'Reach of subscribers'] },
    { name: 'members', type: 'count', nonAdditive: true, from: ['Участники', 'Подписчики', 'Members', 'Subscribers'] },
    { name: 'joined', type: 'count', from: ['Вступившие', 'Новые участники', 'Подписались', 'New members', 'Joined'] },
    { name: 'left', type: 'count', from: ['Вышедшие', 'Отписались', 'Left', 'Unsubscribed'] },
    { name: 'likes', type: 'count', from: ['Мне нравится', 'Лайки', 'Likes'] },
    { name: 'comments', type: 'count', from: ['Комментарии', 'Comments'] },
    { name: 'shares', type: 'count', from: ['Поделились', 'Репосты', 'Shares', 'Reposts'] },
  ],
};
