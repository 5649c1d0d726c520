import { expect, html } from '@open-wc/testing';
import { LitElement, render } from 'lit';
import { fieldErrors, field, choices, SubmissionController } from '../../src/elements/form/index.js';
import { BackendError, createOutbox, type Outbox } from '../../src/index.js';
import { until } from './helpers.js';

describe('form kit', () => {
  describe('fieldErrors (the validation adapter)', () => {
    it('keeps the first message of each field, reports list items on their list, applies overrides', () => {
      const errors = fieldErrors(
        [
          { path: 'participant.functionOther', message: 'ce champ est obligatoire' },
          { path: 'participant.functionOther', message: 'précisez votre fonction' },
          { path: 'sessionIds[2]', message: 'identifiant invalide' },
          { path: 'participant.function', message: 'valeur non autorisée : …' },
        ],
        { 'participant.function': 'choisissez votre fonction' },
      );
      expect(errors).to.deep.equal({
        'participant.functionOther': 'ce champ est obligatoire',
        sessionIds: 'identifiant invalide',
        'participant.function': 'choisissez votre fonction',
      });
    });
  });

  describe('field / choices', () => {
    it('ties label, hint and error to the control in the same root; no aria-invalid without an error', () => {
      const host = document.createElement('div');
      document.body.append(host);
      const w = { required: '(obligatoire)', error: 'Erreur : ' };
      render(
        html`${field({ name: 'participant.email', label: 'E-mail', value: '', required: true, hint: 'professionnel' }, { 'participant.email': 'adresse invalide' }, w)}
        ${field({ name: 'participant.phone', label: 'Téléphone', value: '' }, {}, w)}
        ${choices({ name: 'sessionIds', legend: 'Journées', options: [['j1', 'Journée 1', 'le 14 janvier']], selected: ['j1'] }, {}, w)}`,
        host,
      );
      const email = host.querySelector<HTMLInputElement>('[id="f-participant.email"]')!;
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      const described = email.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent?.trim());
      expect(described).to.deep.equal(['professionnel', 'Erreur : adresse invalide']);
      expect(host.querySelector('label[for="f-participant.email"]')!.textContent).to.contain('(obligatoire)');
      const phone = host.querySelector('[id="f-participant.phone"]')!;
      expect(phone.hasAttribute('aria-invalid')).to.equal(false);
      expect(host.querySelector<HTMLInputElement>('#f-sessionIds-0')!.checked).to.equal(true);
      host.remove();
    });
  });

  describe('SubmissionController', () => {
    class Host extends LitElement {}
    customElements.define('fc-kit-test-host', Host);
    let outbox: Outbox;
    afterEach(() => outbox.close());

    it('sends once however often submit is called while under way; reports sending then sent', async () => {
      outbox = createOutbox({ storage: null, events: null });
      const host = document.createElement('fc-kit-test-host') as Host;
      const seen: string[] = [];
      const c = new SubmissionController<{ n: number }, string>(host, { kind: 'feedback', outbox: () => outbox, cycleId: () => 'c', onUpdate: (u) => seen.push(u.status) });
      document.body.append(host);
      let calls = 0;
      const send = async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 10));
        return 'ok';
      };
      c.submit('c', { n: 1 }, 'form-1', send);
      c.submit('c', { n: 1 }, 'form-1', send);
      expect(c.busy).to.equal(true);
      await until(() => c.status === 'sent', 'sent');
      expect([calls, c.status, c.answer]).to.deep.equal([1, 'sent', 'ok']);
      expect(seen).to.deep.equal(['sending', 'sent']);
      host.remove();
    });

    it('reports a final error as failed, and attach adopts a submission an earlier page left queued', async () => {
      const storage = new Map<string, string>();
      const webStorage = {
        get length() {
          return storage.size;
        },
        key: (i: number) => [...storage.keys()][i] ?? null,
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
        removeItem: (k: string) => void storage.delete(k),
        clear: () => storage.clear(),
      } as Storage;
      let online = false;
      const earlier = createOutbox({ storage: webStorage, events: null, online: () => online });
      void earlier.submit({ kind: 'feedback', cycleId: 'c', payload: { n: 2 }, dedupeKey: 'form-2' }, async () => 'never').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 0));
      earlier.close();
      online = true;
      outbox = createOutbox({ storage: webStorage, events: null, online: () => online });
      const host = document.createElement('fc-kit-test-host') as Host;
      const c = new SubmissionController<{ n: number }, string>(host, { kind: 'feedback', outbox: () => outbox, cycleId: () => 'c' });
      document.body.append(host);
      c.attach(async () => {
        throw new BackendError('http', 'refused', 'refusé', 409);
      });
      await until(() => c.status === 'failed', `failed, not ${c.status}`);
      expect((c.error as BackendError).code).to.equal('refused');
      host.remove();
    });
  });
});
