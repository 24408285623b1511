import { CiTrustOptions } from './ci-trust-options';
import { GitHubTrustOptions } from '../platforms/github/github-trust-options';
import { GitLabTrustOptions } from '../platforms/gitlab/gitlab-trust-options';

/** What the props of a role or principal take: the shared trust options and each platform's own. */
export type TrustOptionsOfEveryPlatform = CiTrustOptions & GitHubTrustOptions & GitLabTrustOptions;
