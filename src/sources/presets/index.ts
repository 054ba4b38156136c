// Sources, presets: the table of known export shapes by name.
import { GA4 } from './ga4.js';
import { GOOGLE_ADS } from './google-ads.js';
import { META_ADS } from './meta-ads.js';
import type { Preset } from './preset.js';
import { VK_STATS } from './vk-stats.js';
import { YANDEX_METRICA } from './yandex-metrica.js';

/** Every preset, by the name written in `preset:`. */
export const PRESETS: ReadonlyMap<string, Preset> = new Map(
  [GA4, YANDEX_METRICA, VK_STATS, META_ADS, GOOGLE_ADS].map((p) => [p.name, p]),
);
