/** An AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;

/** A region name: `eu-west-1`, `us-gov-west-1`, `cn-north-1`, `eusc-de-east-1` ... */
export const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
