import { apostropheForms, searchPeopleSql, searchParams } from '#libs/people';
import { errorCode, startTestApp, type TestApp } from '../support/test-app.js';
import { auditRows, consent, ok, Q, referAtoB, registerPerson, world, type World } from './world.js';

const NHS = '943 476 5919';

describe('people (CONTRACT.md sections 3 and 6)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await world(t);
  });
  afterAll(() => t.close());

  const register = (token: string, input: Record<string, unknown>) => t.gql(Q.register, { input }, token);

  describe('registerPerson', () => {
    it('stores normalised values and returns them', async () => {
      const p = ok(
        await register(w.a.worker.token, {
          givenName: '  Amina ',
          familyName: 'Khan',
          dateOfBirth: '1990-04-01',
          preferredLanguage: 'ur',
          interpreterNeeded: true,
          postcode: 'hx15dt',
          ward: ' Park ',
          phone: '07700 900123',
          email: 'amina@example.org',
          nhsNumber: NHS,
          equality: { gender: 'Female', ethnicity: 'H', disability: false },
        }),
        'registerPerson',
      );
      expect(p).toMatchObject({
        givenName: 'Amina',
        familyName: 'Khan',
        dateOfBirth: '1990-04-01',
        preferredLanguage: 'ur',
        interpreterNeeded: true,
        postcode: 'HX1 5DT',
        ward: 'Park',
        phone: '07700 900123',
        nhsNumber: '9434765919',
        equality: { gender: 'Female', ethnicity: 'H', disability: false },
        registeredBy: { id: w.a.id },
      });
      expect((await auditRows(t, p.id)).map((a) => a.action)).toEqual(['person.register']);
    });

    it('defaults: interpreterNeeded false, equality null', async () => {
      const p = ok(await register(w.a.worker.token, { givenName: 'A', familyName: 'B' }), 'registerPerson');
      expect(p).toMatchObject({ interpreterNeeded: false, equality: null, postcode: null, nhsNumber: null });
    });

    it('counts characters, not UTF-16 units: 100-character names and a 200-character ward outside the BMP', async () => {
      const p = ok(
        await register(w.a.worker.token, {
          givenName: '𝒜'.repeat(100),
          familyName: '😀'.repeat(100),
          ward: '𝓌'.repeat(200),
        }),
        'registerPerson',
      );
      expect(p).toMatchObject({
        givenName: '𝒜'.repeat(100),
        familyName: '😀'.repeat(100),
        ward: '𝓌'.repeat(200),
      });
      const search = await t.gql(
        'query($text: String!) { searchPeople(text: $text) { id } }',
        { text: '𝒜'.repeat(100) },
        w.a.worker.token,
      );
      expect(search.errors).toBeUndefined();
      expect(search.data.searchPeople.map((x: { id: string }) => x.id)).toContain(p.id);
    });

    it('stores names composed (NFC), so a name typed with a combining accent is found as typed either way', async () => {
      const p = ok(
        await register(w.a.worker.token, { givenName: 'Rene\u0301e', familyName: 'Nfdtest' }),
        'registerPerson',
      );
      expect(p.givenName).toBe('Ren\u00e9e');
      for (const text of ['Ren\u00e9e', 'rene\u0301e']) {
        const found = await t.gql(
          'query($text: String!) { searchPeople(text: $text) { id } }',
          { text },
          w.a.worker.token,
        );
        expect(found.data.searchPeople.map((x: { id: string }) => x.id)).toContain(p.id);
      }
    });

    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    it.each([
      ['givenName', { givenName: '   ' }],
      ['givenName', { givenName: 'x'.repeat(101) }],
      ['givenName', { givenName: '𝒜'.repeat(101) }],
      ['familyName', { familyName: 'a\u0001b' }],
      ['givenName', { givenName: 'Ann\u2028Marie' }],
      ['givenName', { givenName: '\u200b\u200b' }],
      ['familyName', { familyName: '\u202e' }],
      ['ward', { ward: 'Park\u2029Hilltop' }],
      ['ward', { ward: '\ud800' }],
      ['givenName', { givenName: 'Ann\udc00e' }],
      ['postcode', { postcode: 'W1I 1AA' }],
      ['postcode', { postcode: 'EC1Z 1AA' }],
      ['email', { email: '.amina@example.org' }],
      ['email', { email: 'amina@example_org.uk' }],
      ['dateOfBirth', { dateOfBirth: tomorrow }],
      ['dateOfBirth', { dateOfBirth: '1899-12-31' }],
      ['preferredLanguage', { preferredLanguage: 'EN' }],
      ['preferredLanguage', { preferredLanguage: 'eng' }],
      ['preferredLanguage', { preferredLanguage: 'xx' }],
      ['postcode', { postcode: 'HX1' }],
      ['postcode', { postcode: '12345' }],
      ['email', { email: 'not-an-email' }],
      ['email', { email: 'amina\u0001@example.org' }],
      ['phone', { phone: '1'.repeat(201) }],
      ['ward', { ward: 'w'.repeat(201) }],
      ['nhsNumber', { nhsNumber: '9434765918' }],
      ['nhsNumber', { nhsNumber: '943476591' }],
      ['nhsNumber', { nhsNumber: '94347659AB' }],
      ['equality.ethnicity', { equality: { ethnicity: 'I' } }],
      ['equality.ethnicity', { equality: { ethnicity: 'White' } }],
      ['equality.ethnicity', { equality: { ethnicity: 'a' } }],
      ['equality.gender', { equality: { gender: 'g'.repeat(201) } }],
    ])('an invalid %s is BAD_USER_INPUT naming it (%j), nothing written', async (field, over) => {
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM people');
      const res = await register(w.a.worker.token, { givenName: 'A', familyName: 'B', ...over });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions.field).toBe(field);
      const [{ n: after }] = await t.db.query('SELECT count(*)::int AS n FROM people');
      expect(after).toBe(n);
    });

    it.each([
      ['familyName', { givenName: 'A' }],
      ['equality.nickname', { givenName: 'A', familyName: 'B', equality: { nickname: 'x' } }],
      ['favouriteColour', { givenName: 'A', familyName: 'B', favouriteColour: 'blue' }],
    ])(
      'a required input field missing from the variables, or one the input does not have, is named: %s',
      async (field, input) => {
        const res = await register(w.a.worker.token, input);
        expect([errorCode(res), res.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', field]);
      },
    );

    it('an impossible date in variables is BAD_USER_INPUT', async () => {
      expect(
        errorCode(
          await register(w.a.worker.token, { givenName: 'A', familyName: 'B', dateOfBirth: '2020-02-30' }),
        ),
      ).toBe('BAD_USER_INPUT');
    });

    it('a duplicate NHS number registers without revealing the other organisation', async () => {
      ok(
        await register(w.a.worker.token, { givenName: 'A', familyName: 'B', nhsNumber: NHS }),
        'registerPerson',
      );
      const res = await register(w.c.worker.token, { givenName: 'A', familyName: 'B', nhsNumber: NHS });
      const p = ok(res, 'registerPerson');
      expect(p.registeredBy.id).toBe(w.c.id);
      expect(JSON.stringify(res.body)).not.toContain(w.a.id);
      // and C's search shows only its own record
      const found = ok(await t.gql(Q.search, { text: '9434765919' }, w.c.worker.token), 'searchPeople');
      expect(found.map((x: any) => x.id)).toEqual([p.id]);
    });

    it('ADMIN and COMMISSIONER are FORBIDDEN, audited DENIED', async () => {
      for (const s of [w.admin, w.commissioner])
        expect(errorCode(await register(s.token, { givenName: 'A', familyName: 'B' }))).toBe('FORBIDDEN');
      const rows = await t.db.query(
        `SELECT outcome FROM audit_events WHERE action = 'person.register' AND staff_id = $1`,
        [w.admin.id],
      );
      expect(rows).toEqual([{ outcome: 'DENIED' }]);
    });
  });

  describe('updatePerson', () => {
    it('changes only the given fields; null clears an optional one', async () => {
      const id = await registerPerson(t, w.a.worker.token, {
        phone: '0123',
        postcode: 'HX1 5DT',
        equality: { gender: 'F', ethnicity: 'A' },
      });
      const p = ok(
        await t.gql(
          Q.update,
          { id, input: { familyName: ' Patel ', phone: null, equality: { ethnicity: 'B' } } },
          w.a.worker2.token,
        ),
        'updatePerson',
      );
      expect(p).toMatchObject({
        familyName: 'Patel',
        givenName: 'Amina',
        phone: null,
        postcode: 'HX1 5DT',
        equality: { gender: 'F', ethnicity: 'B' },
      });
      expect((await auditRows(t, id)).map((a) => a.action)).toEqual(['person.register', 'person.update']);
    });
    it('a name cannot be cleared; invalid fields are BAD_USER_INPUT', async () => {
      const id = await registerPerson(t, w.a.worker.token);
      const r1 = await t.gql(Q.update, { id, input: { givenName: null } }, w.a.worker.token);
      expect([errorCode(r1), r1.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', 'givenName']);
      const r2 = await t.gql(Q.update, { id, input: { nhsNumber: '1234567890' } }, w.a.worker.token);
      expect([errorCode(r2), r2.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', 'nhsNumber']);
    });
    it('an organisation that cannot see the person gets NOT_FOUND before input errors, audited DENIED', async () => {
      const id = await registerPerson(t, w.a.worker.token);
      expect(errorCode(await t.gql(Q.update, { id, input: { givenName: '' } }, w.c.worker.token))).toBe(
        'NOT_FOUND',
      );
      expect((await auditRows(t, id, 'person.update')).map((a) => a.outcome)).toEqual(['DENIED']);
    });
    it('the receiving organisation of a referral may update the person', async () => {
      const { personId } = await referAtoB(t, w);
      expect(
        ok(await t.gql(Q.update, { id: personId, input: { ward: 'Park' } }, w.b.worker.token), 'updatePerson')
          .id,
      ).toBe(personId);
    });
  });

  describe('visibility matrix', () => {
    it('registering organisation: visible; unrelated: NOT_FOUND; malformed id: NOT_FOUND', async () => {
      const id = await registerPerson(t, w.a.worker.token);
      expect(ok(await t.gql(Q.person, { id }, w.a.worker2.token), 'person').id).toBe(id);
      expect(ok(await t.gql(Q.person, { id }, w.a.manager.token), 'person').id).toBe(id);
      const denied = await t.gql(Q.person, { id }, w.b.worker.token);
      expect(errorCode(denied)).toBe('NOT_FOUND');
      expect(denied.data).toEqual({ person: null });
      expect(errorCode(await t.gql(Q.person, { id: 'abc' }, w.a.worker.token))).toBe('NOT_FOUND');
      expect(
        errorCode(await t.gql(Q.person, { id: '00000000-0000-4000-8000-000000000000' }, w.a.worker.token)),
      ).toBe('NOT_FOUND');
    });
    it('a referral connects the receiving organisation; others still see nothing', async () => {
      const { personId } = await referAtoB(t, w);
      expect(ok(await t.gql(Q.person, { id: personId }, w.b.worker.token), 'person').id).toBe(personId);
      expect(errorCode(await t.gql(Q.person, { id: personId }, w.c.worker.token))).toBe('NOT_FOUND');
    });
    it('a referral made by another organisation connects its creator organisation', async () => {
      // B registers; B refers to A; A (receiver) sees. C does not.
      const id = await registerPerson(t, w.b.worker.token);
      await consent(t, w.b.worker.token, id, [w.a.id]);
      ok(
        await t.gql(
          Q.make,
          {
            input: {
              personId: id,
              fromServiceId: w.b.service,
              toServiceId: w.a.service,
              route: 'STAFF',
              needs: ['HOUSING'],
            },
          },
          w.b.worker.token,
        ),
        'makeReferral',
      );
      expect(ok(await t.gql(Q.person, { id }, w.a.worker.token), 'person').id).toBe(id);
    });
    it('an assessment or outcome recorded by a service of the organisation connects it', async () => {
      const id = await registerPerson(t, w.a.worker.token);
      expect(errorCode(await t.gql(Q.person, { id }, w.c.worker.token))).toBe('NOT_FOUND');
      await t.db.query(
        `INSERT INTO wellbeing_assessments (person_id, service_id, organisation_id, instrument, responses, taken_on, recorded_by_staff_id)
         VALUES ($1, $2, $3, 'ONS4', '{5,5,5,5}', current_date, $4)`,
        [id, w.c.service, w.c.id, w.c.worker.id],
      );
      expect(ok(await t.gql(Q.person, { id }, w.c.worker.token), 'person').id).toBe(id);
      const id2 = await registerPerson(t, w.a.worker.token);
      await t.db.query(
        `INSERT INTO outcomes (person_id, service_id, organisation_id, type, achieved_on, contracted, recorded_by_staff_id)
         VALUES ($1, $2, $3, 'OTHER', current_date, false, $4)`,
        [id2, w.b.service, w.b.id, w.b.worker.id],
      );
      expect(ok(await t.gql(Q.person, { id: id2 }, w.b.manager.token), 'person').id).toBe(id2);
    });
    it('ADMIN and COMMISSIONER get FORBIDDEN on person, searchPeople, referral and referrals; audited DENIED', async () => {
      const { id, personId } = await referAtoB(t, w);
      for (const s of [w.admin, w.commissioner]) {
        expect(errorCode(await t.gql(Q.person, { id: personId }, s.token))).toBe('FORBIDDEN');
        expect(errorCode(await t.gql(Q.search, { text: 'Amina' }, s.token))).toBe('FORBIDDEN');
        expect(errorCode(await t.gql(Q.referral, { id }, s.token))).toBe('FORBIDDEN');
        expect(errorCode(await t.gql(Q.referrals, {}, s.token))).toBe('FORBIDDEN');
        expect(
          errorCode(
            await t.gql(Q.recordConsent, { input: { personId, purpose: 'REFERRAL_SHARING' } }, s.token),
          ),
        ).toBe('FORBIDDEN');
      }
      const rows = await t.db.query(
        `SELECT action, outcome FROM audit_events WHERE staff_id = $1 AND action = 'person.read'`,
        [w.admin.id],
      );
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.every((r) => r.outcome === 'DENIED')).toBe(true);
      expect(
        (await auditRows(t, personId, 'person.read')).find((a) => a.staff_id === w.commissioner.id)?.outcome,
      ).toBe('DENIED');
    });
  });

  describe('searchPeople', () => {
    let ids: Record<string, string>;
    beforeAll(async () => {
      ids = {
        zainab: await registerPerson(t, w.c.worker.token, {
          givenName: 'Zainab',
          familyName: 'Okonkwo',
          email: 'Z.Okonkwo@Example.org',
        }),
        zak: await registerPerson(t, w.c.worker.token, {
          givenName: 'Zak',
          familyName: 'Ward-Smith',
          phone: '+44 7700 900 456',
          nhsNumber: '4010232137',
        }),
        hidden: await registerPerson(t, w.b.worker.token, { givenName: 'Zainab', familyName: 'Okafor' }),
      };
    });
    const search = async (text: string, token = w.c.worker.token) =>
      ok(await t.gql(Q.search, { text }, token), 'searchPeople').map((p: any) => p.id);

    it('matches case-insensitive substrings of names and email, and digits of NHS or phone numbers', async () => {
      expect(await search('zAiNa')).toEqual([ids.zainab]);
      expect(await search('okonk')).toEqual([ids.zainab]);
      expect(await search('smith')).toEqual([ids.zak]);
      expect(await search('z.okonkwo@example')).toEqual([ids.zainab]);
      expect(await search('900 456')).toEqual([ids.zak]);
      expect(await search('7700900456')).toEqual([ids.zak]);
      expect(await search('0232')).toEqual([ids.zak]);
    });
    it('finds a UK phone number written nationally or internationally, whichever way it was stored', async () => {
      // Zak's is stored as "+44 7700 900 456".
      expect(await search('07700 900456')).toEqual([ids.zak]);
      expect(await search('0044 7700 900456')).toEqual([ids.zak]);
      expect(await search('447700')).toEqual([ids.zak]);
      const office = await registerPerson(t, w.c.worker.token, {
        givenName: 'Yara',
        familyName: 'Landline',
        phone: '(01422) 555 333',
      });
      expect(await search('+44 1422 555333')).toEqual([office]);
      expect(await search('+44 (0)1422 555 333')).toEqual([office]);
      expect(await search('01422 555')).toEqual([office]);
    });
    it('finds a name with an apostrophe typed straight or curly, whichever way it was stored', async () => {
      const straight = await registerPerson(t, w.c.worker.token, {
        givenName: 'Siobhan',
        familyName: "O'Briain",
      });
      const curly = await registerPerson(t, w.c.worker.token, {
        givenName: 'Aoife',
        familyName: 'O\u2019Briain',
      });
      for (const text of ["o'briain", 'O\u2019Briain', 'o\u2018briain'])
        expect(new Set(await search(text))).toEqual(new Set([straight, curly]));
      expect(await search("d'arcy")).toEqual([]);
    });
    it('folds case as the stored names are folded, whatever the alphabet', async () => {
      const ilkay = await registerPerson(t, w.c.worker.token, { givenName: 'İlkay', familyName: 'Yıldız' });
      const odysseas = await registerPerson(t, w.c.worker.token, {
        givenName: 'ΟΔΥΣΣΕΑΣ',
        familyName: 'Λόγος',
      });
      expect(await search('İlkay')).toEqual([ilkay]);
      expect(await search('ilkay')).toEqual([ilkay]);
      expect(await search('yıldız')).toEqual([ilkay]);
      expect(await search('ΟΔΥΣΣΕΑΣ')).toEqual([odysseas]);
      expect(await search('οδυσ')).toEqual([odysseas]);
      expect(await search('λόγ')).toEqual([odysseas]);
      // Typed in capitals: letters that are one letter in capitals match (dotless ı under I, a
      // final ς under Σ), which lower case alone keeps apart.
      expect(await search('YILDIZ')).toEqual([ilkay]);
      expect(await search('ΛΌΓΟΣ')).toEqual([odysseas]);
    });
    it('only among visible people', async () => {
      expect(await search('zainab')).toEqual([ids.zainab]);
      expect(await search('okafor')).toEqual([]);
      expect(await search('okafor', w.b.worker.token)).toEqual([ids.hidden]);
    });
    it('treats LIKE wildcards literally', async () => {
      expect(await search('%%')).toEqual([]);
      expect(await search('__')).toEqual([]);
    });
    it('text must be 2–100 characters without control characters; first 1–200', async () => {
      for (const text of ['a', ' b ', 'x'.repeat(101), 'za\u0000', 'z\u0007a']) {
        const res = await t.gql(Q.search, { text }, w.c.worker.token);
        expect([errorCode(res), res.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', 'text']);
      }
      const res = await t.gql(Q.search, { text: 'za', first: 201 }, w.c.worker.token);
      expect([errorCode(res), res.errors![0].extensions.field]).toEqual(['BAD_USER_INPUT', 'first']);
    });
    it('audits one person.search.read per person returned', async () => {
      const before = (await auditRows(t, ids.zainab, 'person.search.read')).length;
      expect(await search('zainab')).toEqual([ids.zainab]);
      expect((await auditRows(t, ids.zainab, 'person.search.read')).length).toBe(before + 1);
      expect(await search('za')).toEqual(expect.arrayContaining([ids.zainab, ids.zak]));
      expect((await auditRows(t, ids.zainab, 'person.search.read')).length).toBe(before + 2);
      const hidden = await auditRows(t, ids.hidden, 'person.search.read');
      expect(hidden.filter((a) => a.staff_id === w.c.worker.id)).toEqual([]);
    });
    it('is served by the trigram indexes, not a sequential scan of people', async () => {
      const { pattern, digits } = searchParams('okonk');
      const plan = await t.db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        const sql = searchPeopleSql(digits !== null);
        const rows = await tx.query(
          `EXPLAIN ${sql}`
            .replace(/\$1/g, `'${pattern}'`)
            .replace(/\$2/g, `'${w.c.id}'::uuid`)
            .replace(/\$3/g, '20'),
        );
        return rows.map((r: any) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toMatch(/people_given_name_trgm_idx/);
      expect(plan).toMatch(/people_family_name_trgm_idx/);
      expect(plan).not.toMatch(/Seq Scan on people/);
    });
    it('reads both apostrophe forms of a name through the name indexes', async () => {
      const [straight, curly] = apostropheForms("o'bri")!;
      const plan = await t.db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        const rows = await tx.query(
          `EXPLAIN ${searchPeopleSql(false, true)}`
            .replace(/\$1/g, `'${"%o''bri%"}'`)
            .replace(/\$2/g, `'${w.c.id}'::uuid`)
            .replace(/\$3/g, '20')
            .replace(/\$4/g, `'${straight.replace(/'/g, "''")}'`)
            .replace(/\$5/g, `'${curly}'`),
        );
        return rows.map((r: any) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toMatch(/people_family_name_trgm_idx/);
      expect(plan).not.toMatch(/Seq Scan on people/);
    });
    it('reads a number through the NHS and phone indexes too, in both forms of a UK number', async () => {
      const { pattern, digits, phone } = searchParams('07700 900');
      expect(phone).toEqual(['%07700900%', '%447700900%']);
      const plan = await t.db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        const rows = await tx.query(
          `EXPLAIN ${searchPeopleSql(true)}`
            .replace(/\$1/g, `'${pattern}'`)
            .replace(/\$2/g, `'${w.c.id}'::uuid`)
            .replace(/\$3/g, '20')
            .replace(/\$4/g, `'${digits}'`)
            .replace(/\$5/g, `'${phone[0]}'`)
            .replace(/\$6/g, `'${phone[1]}'`),
        );
        return rows.map((r: any) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toMatch(/people_phone_digits_trgm_idx/);
      expect(plan).not.toMatch(/Seq Scan on people/);
    });
  });
});
