/** The web app's pages by path: the server serves the app for these, 404 for anything else. */
export const PAGE_PATHS = { finder: '/', planner: '/planner' } as const
