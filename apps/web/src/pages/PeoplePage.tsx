import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Button, TextField } from '../components/forms';
import { apiError } from '../graphql/errors';
import { SearchPeopleQuery } from '../graphql/operations';
import { formatDate } from '../labels';
import { Link, navigate, useFocusHeading, useLocation } from '../router';

/** Search the people my organisation can see, or register someone new. */
export function PeoplePage() {
  useFocusHeading([]);
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const [text, setText] = useState(q);
  const [tooShort, setTooShort] = useState<string | undefined>();
  const [res] = useQuery({
    query: SearchPeopleQuery,
    variables: { text: q, first: 20 },
    pause: q.length < 2,
  });
  const err = apiError(res.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (t.length < 2) {
      setTooShort('Enter at least 2 characters');
      return;
    }
    setTooShort(undefined);
    navigate(`/people?q=${encodeURIComponent(t)}`);
  };

  return (
    <>
      <h1>People</h1>
      <form onSubmit={submit} role="search" aria-label="People" noValidate>
        <TextField
          id="people-search"
          label="Search by name, NHS number, phone or email"
          value={text}
          onChange={setText}
          error={tooShort ?? (err?.code === 'BAD_USER_INPUT' ? err.message : undefined)}
          width="nhsuk-input--width-30"
        />
        <Button type="submit">Search</Button>
      </form>
      <p>
        <Link href="/people/new" className="nhsuk-action-link__link">
          Register a new person
        </Link>
      </p>
      {q.length >= 2 && (
        <div role="status">
          {res.fetching ? (
            <p>Searching…</p>
          ) : res.data ? (
            <>
              <h2>
                {res.data.searchPeople.length === 0
                  ? `No one found for "${q}"`
                  : `${res.data.searchPeople.length} ${res.data.searchPeople.length === 1 ? 'person' : 'people'} found for "${q}"`}
              </h2>
              <ul className="nhsuk-list nhsuk-list--border">
                {res.data.searchPeople.map((p) => (
                  <li key={p.id}>
                    <Link href={`/people/${p.id}`}>
                      {p.givenName} {p.familyName}
                    </Link>
                    <span className="nhsuk-body-s">
                      {p.dateOfBirth ? ` · born ${formatDate(p.dateOfBirth)}` : ''}
                      {p.postcode ? ` · ${p.postcode}` : ''} · registered by {p.registeredBy.name}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : err && err.code !== 'BAD_USER_INPUT' ? (
            <p className="nhsuk-error-message">{err.message}</p>
          ) : null}
        </div>
      )}
    </>
  );
}
