/**
 * Templates shared by the LLM and serving-properties kits: `code/aws_secret.py`, which their
 * `code/serve` imports to read the Hugging Face token from the Secrets Manager secret named by
 * `MCC_HF_TOKEN_SECRET_ARN` at start-up. From `src/` and `dist/` alike, one level up is the sdk
 * package, which ships `hf-token-templates/`.
 */
export const hfTokenTemplatesDir: URL = new URL('../hf-token-templates/', import.meta.url);
