// NumPy-style arithmetic on arrays split over every processor, read back at the end.
import { runtime } from '@legate/core';
import * as np from '@legate/numeric';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const n = 10_000_000;
const x = np.arange(n).astype('float64'); // 0, 1, ..., n-1
const y = np.add(np.multiply(x, 0.5), 1); // broadcasting with JavaScript scalars
const mean = (np.sum(y).item() as number) / n; // sum stays deferred until item() reads it

log(`y = x / 2 + 1 over ${n.toLocaleString('en')} float64 values: ${y.dtype.name}, shape [${y.shape}]`);
log(`mean(y) = ${mean} (expected ${(n - 1) / 4 + 1})`);
log(`first values: ${Array.from((y.toArray() as Float64Array).slice(0, 4)).join(', ')}`);
