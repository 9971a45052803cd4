// Never let a test reach a real AWS account: fake credentials, and a region, for every client.
process.env.AWS_ACCESS_KEY_ID ??= 'testing';
process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
process.env.AWS_REGION ??= 'ap-south-1';
delete process.env.AWS_PROFILE;
