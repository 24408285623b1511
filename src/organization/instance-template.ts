import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, BootstraplessSynthesizer, Stack } from 'aws-cdk-lib';

/**
 * The most CloudFormation accepts in a StackSet's `TemplateBody`, in bytes.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

/** A message of the instance template's synthesis: a warning, error or info of one of its constructs. */
export interface InstanceMessage {
  readonly level: 'info' | 'warning' | 'error';
  /** The construct path inside the instance template's app. */
  readonly path: string;
  readonly text: string;
}

/** The instance template, rendered. */
export interface RenderedTemplate {
  readonly template: Record<string, unknown>;
  /** Exactly the text of `TemplateBody`. */
  readonly body: string;
  /** `body`'s length in UTF-8 bytes. */
  readonly bytes: number;
  readonly messages: InstanceMessage[];
}

/**
 * The template of a StackSet's stack instances, built with the library's constructs in an app
 * of its own (the StackSet deploys it, not the CDK), so that it holds no CDK metadata, no
 * bootstrap version rule and no asset: target accounts need no bootstrap.
 */
export class InstanceTemplate {
  public readonly app: App;
  public readonly stack: Stack;
  private rendered?: RenderedTemplate;

  /**
   * @param region the instance stacks' region: literal, so that region-dependent defaults
   * (the China partitions' audience) hold; the account stays `AWS::AccountId`, one template for all
   */
  constructor(description: string | undefined, region: string) {
    this.app = new App({
      // Never CDK_OUTDIR: the outer app's cloud assembly must not be overwritten. Removed once
      // rendered; a template never rendered leaves it empty, as an App without outdir does.
      outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ci-oidc-stackset-')),
      autoSynth: false,
      // Over the CLI's context (CDK_CONTEXT_JSON, which also brings the app's feature flags).
      postCliContext: {
        'aws:cdk:version-reporting': false,
        'aws:cdk:enable-path-metadata': false,
        'aws:cdk:enable-asset-metadata': false,
      },
    });
    // BootstraplessSynthesizer: no BootstrapVersion parameter or rule, and assets are refused.
    this.stack = new Stack(this.app, 'Instance', { synthesizer: new BootstraplessSynthesizer(), description, env: { region } });
  }

  /** Removes the app's output directory, for a template that will never be rendered. */
  public discard(): void {
    fs.rmSync(this.app.outdir, { recursive: true, force: true });
  }

  /** Synthesizes the template once; `owner` names the construct in error messages. */
  public render(owner: string): RenderedTemplate {
    if (this.rendered === undefined) {
      let template: Record<string, unknown>;
      let messages: InstanceMessage[];
      try {
        const artifact = this.app.synth().getStackArtifact(this.stack.artifactId);
        template = stripCdkParts(artifact.template as Record<string, unknown>);
        messages = artifact.messages.map((message) => ({
          level: message.level as InstanceMessage['level'],
          path: message.id,
          text: String(message.entry.data),
        }));
      } catch (error) {
        throw new Error(`The StackSet template of '${owner}' cannot be synthesized: ${(error as Error).message}`);
      } finally {
        this.discard();
      }
      const body = JSON.stringify(template);
      this.rendered = { template, body, bytes: Buffer.byteLength(body, 'utf8'), messages };
    }
    return this.rendered;
  }
}

/** Removes what only the CDK CLI uses, should a context or synthesizer have added it anyway. */
function stripCdkParts(template: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(template)) as Record<string, Record<string, unknown> | undefined>;
  delete copy.Resources?.CDKMetadata;
  delete copy.Conditions?.CDKMetadataAvailable;
  delete copy.Parameters?.BootstrapVersion;
  delete copy.Rules?.CheckBootstrapVersion;
  for (const resource of Object.values(copy.Resources ?? {}) as Array<Record<string, Record<string, unknown> | undefined>>) {
    for (const key of Object.keys(resource.Metadata ?? {}).filter((k) => k.startsWith('aws:cdk:'))) {
      delete resource.Metadata![key];
    }
    if (resource.Metadata !== undefined && Object.keys(resource.Metadata).length === 0) {
      delete resource.Metadata;
    }
  }
  for (const section of ['Conditions', 'Parameters', 'Rules']) {
    if (copy[section] !== undefined && Object.keys(copy[section]!).length === 0) {
      delete copy[section];
    }
  }
  return copy as Record<string, unknown>;
}
