/**
 * The lines that assume the role once, for a duration the SDKs cannot be told: the AWS CLI
 * reads the token from its file (`file://`), and the credentials go into the environment,
 * which every SDK reads before the web-identity variables.
 * @see https://docs.aws.amazon.com/cli/latest/reference/sts/assume-role-with-web-identity.html
 */
export function assumeRoleLines(seconds: number): string[] {
  return [
    'AWS_CREDENTIALS="$(aws sts assume-role-with-web-identity --role-arn "$AWS_ROLE_ARN" --role-session-name "$AWS_ROLE_SESSION_NAME" ' +
      `--web-identity-token "file://$AWS_WEB_IDENTITY_TOKEN_FILE" --duration-seconds ${seconds} ` +
      "--query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)\"",
    'export AWS_ACCESS_KEY_ID="$(printf "%s" "$AWS_CREDENTIALS" | cut -f1)"',
    'export AWS_SECRET_ACCESS_KEY="$(printf "%s" "$AWS_CREDENTIALS" | cut -f2)"',
    'export AWS_SESSION_TOKEN="$(printf "%s" "$AWS_CREDENTIALS" | cut -f3)"',
    'unset AWS_CREDENTIALS',
  ];
}
