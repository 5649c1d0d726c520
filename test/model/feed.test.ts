import { expect } from '@open-wc/testing';
import { safeParseCycle } from '../../src/index.js';

describe('model: feed validation in the browser', () => {
  it('refuses a javascript: URL and names its path, in French by default and in English on request', () => {
    const input = {
      formatVersion: 1, type: 'cycle', id: 'c', title: 'Cycle', audience: { kinds: ['agents'] },
      url: 'javascript:alert(1)',
    };
    const fr = safeParseCycle(input);
    expect(fr.success).to.equal(false);
    expect(fr.error!.issues[0]!.path).to.equal('url');
    expect(fr.error!.issues[0]!.message).to.contain('adresse web invalide');
    const en = safeParseCycle(input, { locale: 'en' });
    expect(en.error!.issues[0]!.message).to.contain('invalid web address');
  });
});
