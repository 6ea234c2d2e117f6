import { Router, type Response } from 'express';
import {
  chartJsSource,
  DASHBOARD_CSP,
  dashboardHtml,
  dashboardScript,
} from '../../analysis/view/page.js';

/** How often the dashboard redraws unless its URL says `?refresh=<seconds>`. */
const REFRESH_MS = 5000;

/**
 * `GET /dashboard`: the fleet's live charts, read-only, drawn in the browser from `GET /power`
 * and `GET /power/projects` of the same origin. Only mounted when DASHBOARD_ENABLED is true; the
 * stack routes every GET outside the device authorizer. The page and its two scripts are built
 * once; every response forbids inline script and framing.
 */
export function dashboardRoutes(): Router {
  const router = Router();
  const html = dashboardHtml('windtunnel fleet dashboard');
  const fleetJs = dashboardScript(REFRESH_MS);
  const secure = (res: Response, type: string) =>
    res.type(type).set({
      'content-security-policy': DASHBOARD_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
  router.get('/dashboard', (req, res) => {
    // The page's relative URLs (its scripts, the API) need it at `/dashboard`, not `/dashboard/`.
    if (req.path.endsWith('/')) return res.redirect(301, '../dashboard');
    secure(res, 'html').send(html);
  });
  router.get('/dashboard/fleet.js', (_req, res) => {
    secure(res, 'js').send(fleetJs);
  });
  router.get('/dashboard/chart.js', (_req, res) => {
    secure(res, 'js').send(chartJsSource());
  });
  return router;
}
