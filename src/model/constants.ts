/** Constants of the model that code without zod may need (the elements' bundle carries no zod). */

/** formacoop's cycles are French: sessions are in Europe/Paris unless they say otherwise. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';
