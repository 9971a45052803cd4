import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's `chromium` package: the browser is the distribution's, playwright-core only drives it. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Without the background-networking switches Chromium keeps calling home (component updates, sync,
 * QUIC probes), which on a closed network means a stream of failing connections during the test.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface AdminAccount {
  firstname: string;
  lastname: string;
  email: string;
  password: string;
}

/** What the browser saw; the caller asserts on it. */
export interface AdminWalkthrough {
  /** The URL Strapi sent the first visit of /admin to (the registration form on an empty database). */
  firstVisit: string;
  /** The URL after logging in with the registered account in a fresh browser profile. */
  afterLogin: string;
  /** The collection types listed in the content manager's navigation, in the order shown. */
  collectionTypes: string[];
}

/**
 * A browser with a profile of its own (a fresh --user-data-dir, removed afterwards): Playwright passes the
 * profile to Chromium itself when given one, which is why this is a persistent context.
 */
async function withBrowser<T>(use: (page: Page) => Promise<T>): Promise<T> {
  const profile = await mkdtemp(join(tmpdir(), 'strapi-e2e-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(60_000);
    return await use(page);
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/**
 * Registers the first administrator through the admin panel's own form, then, in a second browser with an
 * empty profile (so no session carries over), logs in with that account, opens the content manager, reads
 * its list of collection types and saves a screenshot of it to `screenshot`.
 */
export async function walkThroughAdminPanel(
  baseUrl: string,
  admin: AdminAccount,
  screenshot: string,
): Promise<AdminWalkthrough> {
  const firstVisit = await withBrowser(async (page) => {
    await page.goto(`${baseUrl}/admin`);
    // An empty database has no administrator: Strapi sends every visit to the registration form.
    await page.waitForURL(/\/admin\/auth\/register-admin/);
    const landed = page.url();
    await page.locator('input[name="firstname"]').fill(admin.firstname);
    await page.locator('input[name="lastname"]').fill(admin.lastname);
    await page.locator('input[name="email"]').fill(admin.email);
    await page.locator('input[name="password"]').fill(admin.password);
    await page.locator('input[name="confirmPassword"]').fill(admin.password);
    await page.getByRole('button', { name: "Let's start" }).click();
    // Registered: the form gives way to the panel.
    await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth/'));
    return landed;
  });

  return withBrowser(async (page) => {
    await page.goto(`${baseUrl}/admin`);
    await page.waitForURL(/\/admin\/auth\/login/);
    await page.locator('input[name="email"]').fill(admin.email);
    await page.locator('input[name="password"]').fill(admin.password);
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/admin/auth/'));
    const afterLogin = page.url();

    await page.goto(`${baseUrl}/admin/content-manager`);
    // The content manager opens the first collection type; its navigation lists them all.
    await page.waitForURL(/\/admin\/content-manager\/collection-types\//);
    const navigation = page.getByRole('navigation').filter({ hasText: 'Collection Types' });
    const links = navigation.getByRole('link');
    await links.first().waitFor();
    const collectionTypes = (await links.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
    // The list view of the first type has loaded (not its spinner) before the picture is taken.
    await page.getByRole('heading', { level: 1, name: collectionTypes[0] ?? '' }).waitFor();
    await page
      .getByText(/Create new entry/)
      .first()
      .waitFor();
    await page.screenshot({ path: screenshot, fullPage: true });
    return { firstVisit, afterLogin, collectionTypes };
  });
}
