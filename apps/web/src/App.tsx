import { useEffect, useSyncExternalStore } from 'react';
import { homeFor, canAdminister, canSeeAnalytics, canSeePeople, MeContext, type Me } from './auth/me';
import { session } from './auth/session';
import { SignInForm } from './auth/SignInForm';
import { Button } from './components/forms';
import { MeQuery } from './graphql/operations';
import { useAuthedQuery } from './graphql/hooks';
import { ROLE } from './labels';
import { Link, match, navigate, useFocusHeading, useLocation } from './router';
import { InboxPage } from './pages/InboxPage';
import { PeoplePage } from './pages/PeoplePage';
import { RegisterPersonPage } from './pages/RegisterPersonPage';
import { PersonPage } from './pages/PersonPage';
import { MakeReferralPage } from './pages/MakeReferralPage';
import { RecordWellbeingPage } from './pages/RecordWellbeingPage';
import { RecordOutcomePage } from './pages/RecordOutcomePage';
import { DashboardPage } from './pages/DashboardPage';
import { AdminPage } from './pages/AdminPage';

export function App() {
  const s = useSyncExternalStore(session.subscribe, session.get);
  if (!s) return <SignInPage />;
  // Keyed by staff member: signing back in as someone else starts afresh, as the same person keeps the page.
  return <SignedIn key={s.staffId} />;
}

function Frame({ me, children }: { me: Me | null; children: React.ReactNode }) {
  const { path } = useLocation();
  const nav: { href: string; text: string }[] = [];
  if (me && canSeePeople(me))
    nav.push({ href: '/inbox', text: 'Inbox' }, { href: '/people', text: 'People' });
  if (me && canSeeAnalytics(me)) nav.push({ href: '/dashboard', text: 'Dashboard' });
  if (me && canAdminister(me)) nav.push({ href: '/admin', text: 'Admin' });
  return (
    <>
      <a href="#maincontent" className="nhsuk-skip-link">
        Skip to main content
      </a>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <Link className="app-header-name" href="/">
              Pathways
            </Link>
          </div>
          {me && (
            <nav className="nhsuk-header__account" aria-label="Account">
              <div className="app-account">
                <span>
                  {me.name} ({ROLE[me.role]}, {me.organisation.name})
                </span>
                <Button
                  variant="reverse"
                  onClick={() => {
                    session.signOut();
                    navigate('/', true);
                  }}
                >
                  Sign out
                </Button>
              </div>
            </nav>
          )}
        </div>
        {nav.length > 0 && (
          <nav className="nhsuk-header__navigation" aria-label="Menu">
            <div className="nhsuk-header__navigation-container nhsuk-width-container">
              <ul className="nhsuk-header__navigation-list">
                {nav.map((n) => {
                  const current = path === n.href || path.startsWith(n.href + '/');
                  return (
                    <li
                      key={n.href}
                      className={`nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}`}
                    >
                      <Link
                        className="nhsuk-header__navigation-link"
                        href={n.href}
                        aria-current={current ? 'page' : undefined}
                      >
                        {n.text}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          </nav>
        )}
      </header>
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent">
          {children}
        </main>
      </div>
    </>
  );
}

function SignInPage() {
  useFocusHeading([]);
  return (
    <Frame me={null}>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <h1>Sign in to Pathways</h1>
          <p>The staff console of the partnership's community services.</p>
          <SignInForm />
        </div>
      </div>
    </Frame>
  );
}

/** Shown over the page when the session has expired: nothing on the page underneath is lost. */
function ReauthDialog({ email }: { email: string }) {
  return (
    <div className="app-dialog-backdrop">
      <div className="app-dialog" role="dialog" aria-modal="true" aria-labelledby="reauth-title">
        <h2 id="reauth-title">Your session has ended</h2>
        <p>
          For safety you are signed out after a while. Sign in again to carry on: what you have typed is kept.
        </p>
        <SignInForm email={email} submitLabel="Sign in and carry on" />
        <p>
          <a
            href="/"
            onClick={(e) => {
              e.preventDefault();
              session.signOut();
              navigate('/', true);
            }}
          >
            Sign out instead
          </a>
        </p>
      </div>
    </div>
  );
}

function SignedIn() {
  const expired = useSyncExternalStore(session.subscribe, session.isExpired);
  const [res] = useAuthedQuery({ query: MeQuery });
  const me = res.data?.me ?? null;

  useEffect(() => {
    const s = session.get();
    if (!s) return;
    const ms = Date.parse(s.expiresAt) - Date.now();
    const t = setTimeout(() => session.markExpired(), Math.max(0, Math.min(ms, 2_147_000_000)));
    return () => clearTimeout(t);
  }, [expired]);

  if (!me) {
    return (
      <Frame me={null}>
        {res.fetching || expired ? (
          <p>Loading…</p>
        ) : (
          <p>Something went wrong loading your account. Reload the page.</p>
        )}
        {expired && <ReauthDialog email="" />}
      </Frame>
    );
  }
  return (
    <MeContext.Provider value={me}>
      <div aria-hidden={expired || undefined} inert={expired || undefined}>
        <Frame me={me}>
          <Routes me={me} />
        </Frame>
      </div>
      {expired && <ReauthDialog email={me.email} />}
    </MeContext.Provider>
  );
}

function NotFound() {
  useFocusHeading([]);
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <Link href="/">Go to your start page</Link>
      </p>
    </>
  );
}

function Routes({ me }: { me: Me }) {
  const { path } = useLocation();
  useEffect(() => {
    if (path === '/') navigate(homeFor(me), true);
  }, [path, me]);
  const people = canSeePeople(me);
  let m: Record<string, string> | null;
  if (people && path === '/inbox') return <InboxPage />;
  if (people && path === '/people') return <PeoplePage />;
  if (people && path === '/people/new') return <RegisterPersonPage />;
  if (people && (m = match('/people/:id', path))) return <PersonPage id={m.id} />;
  if (people && (m = match('/people/:id/refer', path))) return <MakeReferralPage personId={m.id} />;
  if (people && (m = match('/people/:id/wellbeing', path))) return <RecordWellbeingPage personId={m.id} />;
  if (people && (m = match('/people/:id/outcome', path))) return <RecordOutcomePage personId={m.id} />;
  if (canSeeAnalytics(me) && path === '/dashboard') return <DashboardPage />;
  if (canAdminister(me) && path === '/admin') return <AdminPage />;
  if (path === '/') return null;
  return <NotFound />;
}
