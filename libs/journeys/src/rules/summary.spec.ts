import {
  consentGivenSummary,
  consentWithdrawnSummary,
  outcomeSummary,
  referralMadeSummary,
  registeredSummary,
  statusChangedSummary,
  wellbeingSummary,
} from './summary.js';

const familySupport = { name: 'Family Support', site: "Hilltop Children's Centre" };
const esol = { name: 'ESOL Entry 2', site: 'Old Mill Enterprise Centre' };

describe('journey summaries', () => {
  it('reads a referral between services as in the contract example', () => {
    expect(
      referralMadeSummary({ from: familySupport, to: esol, route: 'STAFF', needs: ['ENGLISH_LANGUAGE'] }),
    ).toBe(
      "Referred from Family Support (Hilltop Children's Centre) to ESOL Entry 2 — needs: English language",
    );
  });

  it.each([
    [
      { from: null, to: esol, route: 'SELF', needs: ['ENGLISH_LANGUAGE', 'SKILLS_AND_TRAINING'] },
      'Self-referral to ESOL Entry 2 — needs: English language, skills and training',
    ],
    [
      { from: null, to: esol, route: 'SELF', needs: ['HOUSING', 'ENGLISH_LANGUAGE'] },
      'Self-referral to ESOL Entry 2 — needs: Housing, English language',
    ],
    [
      { from: null, to: familySupport, route: 'GP', needs: ['MENTAL_WELLBEING'] },
      'Referred by a GP to Family Support — needs: Mental wellbeing',
    ],
    [
      {
        from: { name: 'Link Workers', site: null },
        to: esol,
        route: 'STAFF',
        needs: ['OTHER'],
        safeguardingOverride: true,
      },
      'Referred from Link Workers to ESOL Entry 2 — needs: Other (safeguarding: sent without consent)',
    ],
  ])('reads %j', (input, text) => {
    expect(referralMadeSummary(input)).toBe(text);
  });

  it.each([
    [{ to: esol, from: 'REQUESTED', status: 'ACCEPTED', reason: null }, 'Referral to ESOL Entry 2 accepted'],
    [
      { to: esol, from: 'REQUESTED', status: 'REJECTED', reason: 'NOT_ELIGIBLE' },
      'Referral to ESOL Entry 2 rejected — not eligible',
    ],
    [{ to: esol, from: 'ON_HOLD', status: 'IN_PROGRESS', reason: null }, 'Referral to ESOL Entry 2 resumed'],
    [{ to: esol, from: 'ACCEPTED', status: 'IN_PROGRESS', reason: null }, 'Referral to ESOL Entry 2 started'],
    [
      { to: esol, from: 'IN_PROGRESS', status: 'FAILED', reason: 'UNABLE_TO_CONTACT' },
      'Referral to ESOL Entry 2 closed unsuccessfully — unable to contact',
    ],
  ])('reads a status change %j', (input, text) => {
    expect(statusChangedSummary(input)).toBe(text);
  });

  it("writes children's needs with an apostrophe", () => {
    expect(
      referralMadeSummary({
        from: null,
        to: esol,
        route: 'SCHOOL',
        needs: ['CHILDRENS_EDUCATION', 'CHILDCARE'],
      }),
    ).toBe("Referred by a school to ESOL Entry 2 — needs: Children's education, childcare");
  });

  it('reads registration, consents, wellbeing and outcomes', () => {
    expect(registeredSummary('Calderbrook Community Trust')).toBe(
      'Registered by Calderbrook Community Trust',
    );
    expect(consentGivenSummary({ purpose: 'JOURNEY_SHARING', givenBy: 'PERSON', organisations: 7 })).toBe(
      'Consent given to share their journey (7 organisations)',
    );
    expect(
      consentGivenSummary({ purpose: 'REFERRAL_SHARING', givenBy: 'PARENT_OR_GUARDIAN', organisations: 1 }),
    ).toBe(
      'Consent given by a parent or guardian to share details with services they are referred to (1 organisation)',
    );
    expect(consentWithdrawnSummary({ purpose: 'JOURNEY_SHARING' })).toBe(
      'Consent withdrawn to share their journey',
    );
    expect(
      wellbeingSummary({
        instrument: 'SWEMWBS',
        responses: [2, 2, 3, 2, 2, 3, 2],
        rawScore: 16,
        metricScore: 16.36,
        service: familySupport,
      }),
    ).toBe('SWEMWBS wellbeing score 16 (metric 16.36) at Family Support');
    expect(
      wellbeingSummary({
        instrument: 'ONS4',
        responses: [4, 5, 4, 7],
        rawScore: null,
        metricScore: null,
        service: familySupport,
      }),
    ).toBe(
      'ONS4 personal wellbeing: life satisfaction 4, worthwhile 5, happiness 4, anxiety 7 at Family Support',
    );
    expect(
      outcomeSummary({
        type: 'ESOL_LEVEL_ACHIEVED',
        esolLevel: 'ENTRY_2',
        hours: null,
        contracted: true,
        service: esol,
      }),
    ).toBe('ESOL level achieved: Entry 2 (contracted) — ESOL Entry 2');
    expect(
      outcomeSummary({
        type: 'VOLUNTEERING_HOURS',
        esolLevel: null,
        hours: 48,
        contracted: false,
        service: familySupport,
      }),
    ).toBe('Volunteering hours: 48 (added value) — Family Support');
    expect(
      outcomeSummary({
        type: 'CHILD_SCHOOL_PLACE',
        esolLevel: null,
        hours: null,
        contracted: true,
        service: familySupport,
      }),
    ).toBe('Child school place (contracted) — Family Support');
  });
});
