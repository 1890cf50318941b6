// Regenerates data/realtime-instance-types.json from the AWS SDK's ProductionVariantInstanceType enum.
//
// Why a generated file: importing @aws-sdk/client-sagemaker costs ~160 ms, too much for validating a
// flag at CLI start-up. test/instance-types.test.ts fails when the file and the installed SDK disagree.
//
// Run after upgrading @aws-sdk/client-sagemaker:   node packages/core/scripts/sync-instance-types.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ProductionVariantInstanceType } from '@aws-sdk/client-sagemaker';

const types = [...new Set(Object.values(ProductionVariantInstanceType))].sort();
const target = new URL('../data/realtime-instance-types.json', import.meta.url);
// Same layout prettier gives a JSON array of strings, so `prettier --check` stays quiet.
writeFileSync(target, `${JSON.stringify(types, null, 2)}\n`);
console.log(`Wrote ${types.length} real-time instance types to ${fileURLToPath(target)}`);
