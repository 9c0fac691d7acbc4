/** Seed and reference date of the static samples in `fixtures/`. */
export const FIXTURE_SEED = 20200101;
export const FIXTURE_REF_DATE = '2025-06-02T09:30:00.000Z';
