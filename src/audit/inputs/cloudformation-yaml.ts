/*
 * CloudFormation templates in YAML. The short forms of the intrinsic functions (`!Ref`, `!Sub`,
 * `!GetAtt` ...) are YAML tags: the yaml library reads them through custom tags, each turned into
 * the long form the audit reads (`{ "Ref": ... }`, `{ "Fn::Sub": ... }`), so a YAML template and
 * its JSON twin are audited alike.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import { parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import type { CollectionTag, ScalarTag } from 'yaml';

/** The functions with a short form, by tag name (without `!`); `Ref` and `Condition` keep their names, the others take `Fn::`. */
const SHORT_FORMS = [
  'Ref', 'Condition', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr',
  'ImportValue', 'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Transform', 'Length', 'ToJsonString',
];

function longName(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/** `!GetAtt Role.Arn` is `["Role", "Arn"]`: the logical id ends at the first dot, the attribute may hold more. */
function scalarArgument(name: string, value: string): unknown {
  if (name !== 'GetAtt') {
    return value;
  }
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

/** The custom tags: each short form as a scalar, a sequence and a mapping. */
const CLOUDFORMATION_TAGS: Array<ScalarTag | CollectionTag> = SHORT_FORMS.flatMap((name) => [
  {
    tag: `!${name}`,
    resolve: (value: string) => ({ [longName(name)]: scalarArgument(name, value) }),
  } as ScalarTag,
  {
    tag: `!${name}`,
    collection: 'seq',
    resolve: (seq: YAMLSeq) => ({ [longName(name)]: seq.toJSON() }),
  } as unknown as CollectionTag,
  {
    tag: `!${name}`,
    collection: 'map',
    resolve: (map: YAMLMap) => ({ [longName(name)]: map.toJSON() }),
  } as unknown as CollectionTag,
]);

/** A YAML document that is not valid YAML, or has an unknown tag. */
export class YamlInputError extends Error {}

/**
 * Parses a CloudFormation template written in YAML into the JSON form, short-form intrinsics
 * in their long form. A YAML error (or an unknown tag) is a `YamlInputError` with the line.
 */
export function parseCloudFormationYaml(text: string): unknown {
  const document = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, uniqueKeys: true, prettyErrors: true });
  const problem = document.errors[0] ?? document.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (problem !== undefined) {
    throw new YamlInputError(problem.message.split('\n')[0]);
  }
  return document.toJS({ maxAliasCount: 100 });
}
