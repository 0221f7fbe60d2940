// Legate's batched FFT tutorial: a 2-D FFT of every image in a (batch, rows, columns) stack. dst
// and src are aligned and src is broadcast along axes 1 and 2, so point tasks split the batch
// and each transforms whole images, calling numeric's fft on its local piece.
import { createLibrary, defineTask, runtime } from '@legate/core';
import * as np from '@legate/numeric';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const [batch, rows, cols] = [Number(process.argv[2] ?? 16), Number(process.argv[3] ?? 64), Number(process.argv[4] ?? 64)];
const library = createLibrary('tutorial-fft');

const fft2 = defineTask(library, {
  name: 'batched_fft2',
  params: { dst: { kind: 'output' }, src: { kind: 'input' } },
  constraints: [
    ['align', 'dst', 'src'],
    ['broadcast', 'src', [1, 2]],
  ],
  body: ({ dst, src }) => {
    const out = np.fromPiece(dst);
    np.tidy(() => out.assign(np.fft.fft2(np.fromPiece(src), undefined, [1, 2])));
    out.store.wait();
  },
});

const rng = np.random.defaultRng(11);
const images = np.add(rng.normal(0, 1, [batch, rows, cols]), np.multiply(rng.normal(0, 1, [batch, rows, cols]), { re: 0, im: 1 }));
const spectra = np.empty([batch, rows, cols], 'complex128');
fft2({ dst: spectra.store, src: images.store });
const error = np.max(np.abs(np.subtract(spectra, np.fft.fftn(images, undefined, [1, 2])))).item() as number;
const power = np.sum(np.real(np.multiply(spectra, np.conj(spectra)))).item() as number;
log(`batched fft2: ${batch} images of ${rows} × ${cols}: total power = ${power.toPrecision(15)}, max deviation from fftn = ${error.toExponential(2)}`);
