export { findPython, PythonError, PythonReference, type NdValue, type PythonProbe, type ReferenceArray } from './python.js';
