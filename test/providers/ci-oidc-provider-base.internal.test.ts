import * as api from '../../src';

describe('CiOidcProviderBase', () => {
  test('is not part of the API: the package exports the platforms\' providers and the shared options only', () => {
    expect(Object.keys(api)).not.toContain('CiOidcProviderBase');
    expect(Object.keys(api)).toEqual(expect.arrayContaining(['GitHubOidcProvider', 'GitLabOidcProvider']));
  });
});
