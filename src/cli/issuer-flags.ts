/*
 * The command-line flags that name self-managed issuers (`--gitlab-issuer ISSUER`), one per
 * platform that has them (`CiSelfHostedIssuers`), and their lines in the usage texts.
 */
import { CiSelfHostedIssuers, IssuerOptions } from '../core/ci-platform-facts';
import { CI_PLATFORMS } from '../platforms/registry';

/** The platforms' self-hosted issuers, in the registry's order. */
const SELF_HOSTED: readonly CiSelfHostedIssuers[] = CI_PLATFORMS.flatMap((platform) => (platform.selfHosted ? [platform.selfHosted] : []));

/** The column where the usage texts' descriptions start. */
const DESCRIPTION_COLUMN = 27;

/** The flags in a usage line: ` [--gitlab-issuer ISSUER]...`. */
export function issuerFlagsSynopsis(): string {
  return SELF_HOSTED.map((s) => ` [${s.cliFlag} ISSUER]...`).join('');
}

/** The flags' descriptions, one block each; `more` continues each description (e.g. ` to audit`). */
export function issuerFlagsHelp(more: string[] = []): string {
  return SELF_HOSTED.map((s) => {
    const first = `  ${s.cliFlag} ISSUER`.padEnd(DESCRIPTION_COLUMN) + `a ${s.familyName} issuer (e.g. ${s.example})`;
    return more.length === 0 ? `${first}; repeatable` : `${first}${more[0]}\n${more.slice(1).map((line) => ' '.repeat(DESCRIPTION_COLUMN) + line).join('\n')}`;
  }).join('\n');
}

/** The self-hosted issuers given on the command line, by their option (`IssuerOptions`). */
export class IssuerFlags {
  private readonly issuers: Record<string, string[]> = {};

  /**
   * Takes `arg` when it is an issuer flag, with its value: undefined when it is none of them,
   * '' when taken, or the error message when the value is missing.
   */
  public take(arg: string, value: () => string | undefined): string | undefined {
    const flag = SELF_HOSTED.find((s) => s.cliFlag === arg);
    if (flag === undefined) {
      return undefined;
    }
    const issuer = value();
    if (issuer === undefined) {
      return `${flag.cliFlag} needs a value, e.g. ${flag.cliFlag} ${flag.example}`;
    }
    (this.issuers[flag.option] ??= []).push(issuer);
    return '';
  }

  /** The options of the audit. */
  public get options(): IssuerOptions {
    return Object.fromEntries(Object.entries(this.issuers).map(([option, issuers]) => [option, [...issuers]]));
  }
}

/** Greedy word wrap at `width` columns: the usage texts' paragraphs. */
export function wrapText(text: string, width: number): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) {
      lines[last] += ` ${word}`;
    } else {
      lines.push(word);
    }
  }
  return lines.join('\n');
}
