#!/usr/bin/python3
"""Reference outputs of the Keras files in src/test/resources/org/tribuozoo/keras/files.

An implementation independent of the Java importer: it reads each file with h5py (Debian's
python3-h5py and python3-numpy; no Keras, no TensorFlow) and runs the forward pass in NumPy
float64 with Keras's semantics. Its numbers are committed as reference/*.json; the Java tests read
those, so the test suite has no Python dependency. Run it again only when a file is added:

    /usr/bin/python3 keras-import/src/test/python/keras_reference.py

Inputs are not stored: the images of a model are drawn from a linear congruential generator (see
pixels() below and KerasReference.pixels in the Java tests), raw 0..255 values in (h, w, c) order,
and the network input is pixel / 255 (for a channels_first model the same image transposed to
(c, h, w)). MNIST-shaped models are also run on the first MNIST t10k test images of the shared data
folder (*.mnist-t10k.json; the tests skip those where the data is absent). Where a file comes with Keras's own outputs, the script checks itself against them.
"""
import io
import json
import os
import sys
import zipfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, '..', 'resources', 'org', 'tribuozoo', 'keras')
FILES = os.path.join(RESOURCES, 'files')
OUT = os.path.join(RESOURCES, 'reference')


def pixels(seed, count, size):
    """count x size raw pixels: state = (state * 1103515245 + 12345) mod 2^31, pixel = (state >> 16) & 255."""
    state = seed
    out = np.zeros((count, size), dtype=np.int64)
    for i in range(count):
        for j in range(size):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            out[i, j] = (state >> 16) & 0xFF
    return out


def text(value):
    return value.decode('utf-8') if isinstance(value, bytes) else str(value)


# ---------------------------------------------------------------- reading files

def read_model(path):
    """(config, {layer name: [arrays in Keras's weight order]}, keras version)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            config = json.loads(z.read('config.json'))
            meta = json.loads(z.read('metadata.json'))
            h5 = h5py.File(io.BytesIO(z.read('model.weights.h5')), 'r')
        weights = {}
        for name, group in h5['layers'].items():
            v = group['vars']
            weights[name] = [np.array(v[str(i)], dtype=np.float64) for i in range(len(v))]
        return config, weights, meta['keras_version']
    f = h5py.File(path, 'r')
    config = json.loads(text(f.attrs['model_config']))
    return config, legacy_weights(f['model_weights']), text(f.attrs['keras_version'])


def legacy_weights(group):
    weights = {}
    for name in group.attrs['layer_names']:
        name = text(name)
        g = group[name]
        weights[name] = [np.array(g[text(w)], dtype=np.float64) for w in g.attrs['weight_names']]
    return weights


def layers_of(config):
    """[(class, config, [inbound layer names])], in order, and the output layer's name."""
    cfg = config['config']
    if isinstance(cfg, list):  # Keras 2.0-2.1 Sequential: a bare list
        cfg = {'layers': cfg}
    out, previous = [], None
    for layer in cfg['layers']:
        c = layer['config']
        name = c['name']
        if config['class_name'] == 'Sequential':
            inbound = [previous] if previous else []
        else:
            inbound = inbound_names(layer.get('inbound_nodes', []))
        out.append((layer['class_name'], c, inbound))
        previous = name
    if config['class_name'] == 'Sequential':
        return out, previous
    outputs = cfg['output_layers']
    return out, outputs[0][0] if isinstance(outputs[0], list) else outputs[0]


def inbound_names(nodes):
    names = []
    for node in nodes:
        if isinstance(node, dict):  # Keras 3: {"args": [keras tensors], "kwargs": {}}
            stack = list(node['args'])
            while stack:
                a = stack.pop(0)
                if isinstance(a, dict) and a.get('class_name') == '__keras_tensor__':
                    names.append(a['config']['keras_history'][0])
                elif isinstance(a, list):
                    stack.extend(a)
        else:  # Keras 2: [[name, node index, tensor index, kwargs], ...]
            names.extend(entry[0] for entry in node)
    return names


def input_shape(layers):
    for cls, c, _ in layers:
        for key in ('batch_shape', 'batch_input_shape'):
            if key in c:
                return tuple(c[key][1:])
    raise ValueError('no input shape')


# ---------------------------------------------------------------- Keras semantics

def activation(x, name):
    if isinstance(name, dict):  # Keras 3 may serialize an activation as an object
        name = name.get('config', name.get('class_name'))
    if name == 'linear':
        return x
    if name == 'relu':
        return np.maximum(x, 0)
    if name == 'sigmoid':
        return 1 / (1 + np.exp(-x))
    if name == 'tanh':
        return np.tanh(x)
    if name == 'softmax':
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    raise ValueError('activation ' + name)


def pads(size, window, stride, padding):
    if padding == 'valid':
        return 0, 0, (size - window) // stride + 1
    out = -(-size // stride)
    total = max((out - 1) * stride + window - size, 0)
    return total // 2, total - total // 2, out


def to_nhwc(x, fmt):
    return x.transpose(0, 2, 3, 1) if fmt == 'channels_first' else x


def from_nhwc(x, fmt):
    return x.transpose(0, 3, 1, 2) if fmt == 'channels_first' else x


def truthy(c, key, default=True):
    """A boolean option as Keras reads it (MLPerf Tiny's files write 1 for true)."""
    return bool(c.get(key, default))


def pair(value):
    return list(value) if isinstance(value, (list, tuple)) else [value, value]


def taps(x, kh, kw, c):
    """For each kernel tap (i, j): the input values it meets at every output position, in NHWC."""
    sh, sw = pair(c.get('strides', [1, 1]))
    dh, dw = pair(c.get('dilation_rate', [1, 1]))
    t, b, oh = pads(x.shape[1], (kh - 1) * dh + 1, sh, c['padding'])
    l, r, ow = pads(x.shape[2], (kw - 1) * dw + 1, sw, c['padding'])
    xp = np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)))
    for i in range(kh):
        for j in range(kw):
            yield i, j, xp[:, i * dh:i * dh + sh * oh:sh, j * dw:j * dw + sw * ow:sw, :]


def conv2d(x, c, w):
    fmt = c.get('data_format', 'channels_last')
    x = to_nhwc(x, fmt)
    kernel = w[0]
    kh, kw, _, f = kernel.shape
    y = 0
    for i, j, patch in taps(x, kh, kw, c):
        y = y + np.tensordot(patch, kernel[i, j], axes=([3], [0]))
    if truthy(c, 'use_bias'):
        y = y + w[1]
    return from_nhwc(activation(y, c['activation']), fmt)


def depthwise(x, c, kernel):
    """Each input channel i convolved with its m kernels: output channel i * m + j."""
    kh, kw, cin, m = kernel.shape
    y = 0
    for i, j, patch in taps(x, kh, kw, c):
        y = y + (patch[..., :, None] * kernel[i, j][None, None, None, :, :]).reshape(patch.shape[:3] + (cin * m,))
    return y


def depthwise_conv2d(x, c, w):
    fmt = c.get('data_format', 'channels_last')
    y = depthwise(to_nhwc(x, fmt), c, w[0])
    if truthy(c, 'use_bias'):
        y = y + w[1]
    return from_nhwc(activation(y, c['activation']), fmt)


def separable_conv2d(x, c, w):
    fmt = c.get('data_format', 'channels_last')
    y = depthwise(to_nhwc(x, fmt), c, w[0])
    y = np.tensordot(y, w[1][0, 0], axes=([3], [0]))
    if truthy(c, 'use_bias'):
        y = y + w[2]
    return from_nhwc(activation(y, c['activation']), fmt)


def global_pool(x, c, kind):
    fmt = c.get('data_format', 'channels_last')
    x = to_nhwc(x, fmt)
    y = x.max(axis=(1, 2), keepdims=True) if kind == 'max' else x.mean(axis=(1, 2), keepdims=True)
    return from_nhwc(y, fmt) if c.get('keepdims', False) else y.reshape(y.shape[0], -1)


def relu_layer(x, c):
    """Keras's ReLU: max_value above it, x from threshold up, negative_slope * (x - threshold) below."""
    threshold = c.get('threshold', 0.0) or 0.0
    y = np.where(x >= threshold, x, (c.get('negative_slope', 0.0) or 0.0) * (x - threshold))
    return y if c.get('max_value') is None else np.minimum(y, c['max_value'])


def softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def pool2d(x, c, kind):
    fmt = c.get('data_format', 'channels_last')
    x = to_nhwc(x, fmt)
    ph, pw = c['pool_size']
    sh, sw = c['strides'] or c['pool_size']
    t, b, oh = pads(x.shape[1], ph, sh, c['padding'])
    l, r, ow = pads(x.shape[2], pw, sw, c['padding'])
    fill = -np.inf if kind == 'max' else 0.0
    xp = np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)), constant_values=fill)
    ones = np.pad(np.ones_like(x[:1, :, :, :1]), ((0, 0), (t, b), (l, r), (0, 0)))
    y = np.zeros((x.shape[0], oh, ow, x.shape[3]))
    for a in range(oh):
        for d in range(ow):
            win = xp[:, a * sh:a * sh + ph, d * sw:d * sw + pw, :]
            if kind == 'max':
                y[:, a, d, :] = win.max(axis=(1, 2))
            else:  # TensorFlow averages over the valid (unpadded) cells only
                n = ones[:, a * sh:a * sh + ph, d * sw:d * sw + pw, :].sum()
                y[:, a, d, :] = win.sum(axis=(1, 2)) / n
    return from_nhwc(y, fmt)


def zero_padding(x, c):
    fmt = c.get('data_format', 'channels_last')
    p = c['padding']
    (t, b), (l, r) = ((p, p), (p, p)) if isinstance(p, int) else (
        (tuple(p[0]), tuple(p[1])) if isinstance(p[0], list) else ((p[0], p[0]), (p[1], p[1])))
    x = to_nhwc(x, fmt)
    return from_nhwc(np.pad(x, ((0, 0), (t, b), (l, r), (0, 0))), fmt)


def flatten(x, c):
    if x.ndim == 4 and c.get('data_format') == 'channels_first':
        x = x.transpose(0, 2, 3, 1)  # Keras moves the channels last before flattening
    return x.reshape(x.shape[0], -1)


def batch_norm(x, c, w):
    axis = c['axis'][0] if isinstance(c['axis'], list) else c['axis']
    i = 0
    gamma = w[i] if truthy(c, 'scale') else 1.0
    i += 1 if truthy(c, 'scale') else 0
    beta = w[i] if truthy(c, 'center') else 0.0
    i += 1 if truthy(c, 'center') else 0
    mean, var = w[i], w[i + 1]
    shape = [1] * x.ndim
    shape[axis] = -1
    r = lambda v: np.reshape(v, shape) if np.ndim(v) else v
    return (x - r(mean)) / np.sqrt(r(var) + c['epsilon']) * r(gamma) + r(beta)


def forward(config, weights, x):
    layers, output = layers_of(config)
    values = {}
    for cls, c, inbound in layers:
        name = c['name']
        w = weights.get(name, [])
        xs = [values[n] for n in inbound] if inbound else [x]
        v = xs[0]
        if cls == 'InputLayer':
            y = x
        elif cls == 'Conv2D':
            y = conv2d(v, c, w)
        elif cls == 'DepthwiseConv2D':
            y = depthwise_conv2d(v, c, w)
        elif cls == 'SeparableConv2D':
            y = separable_conv2d(v, c, w)
        elif cls == 'Dense':
            y = v @ w[0] + (w[1] if truthy(c, 'use_bias') else 0)
            y = activation(y, c['activation'])
        elif cls == 'GlobalAveragePooling2D':
            y = global_pool(v, c, 'avg')
        elif cls == 'GlobalMaxPooling2D':
            y = global_pool(v, c, 'max')
        elif cls == 'ReLU':
            y = relu_layer(v, c)
        elif cls == 'LeakyReLU':
            slope = c.get('negative_slope', c.get('alpha', 0.3))
            y = np.where(v >= 0, v, slope * v)
        elif cls == 'ThresholdedReLU':
            y = v * (v > c.get('theta', 1.0))
        elif cls == 'Softmax':
            y = softmax(v, c['axis'][0] if isinstance(c['axis'], list) else c['axis'])
        elif cls == 'Reshape':
            y = v.reshape((v.shape[0],) + tuple(c['target_shape']))
        elif cls == 'Concatenate':
            y = np.concatenate(xs, axis=c.get('axis', -1))
        elif cls == 'Multiply':
            y = np.prod(xs, axis=0)
        elif cls == 'Average':
            y = sum(xs) / len(xs)
        elif cls == 'MaxPooling2D':
            y = pool2d(v, c, 'max')
        elif cls == 'AveragePooling2D':
            y = pool2d(v, c, 'avg')
        elif cls == 'ZeroPadding2D':
            y = zero_padding(v, c)
        elif cls == 'Flatten':
            y = flatten(v, c)
        elif cls == 'Dropout':
            y = v
        elif cls == 'Activation':
            y = activation(v, c['activation'])
        elif cls == 'BatchNormalization':
            y = batch_norm(v, c, w)
        elif cls == 'Add':
            y = sum(xs)
        elif cls == 'Rescaling':
            y = v * c['scale'] + c.get('offset', 0.0)
        else:
            raise ValueError('layer class ' + cls)
        values[name] = y
    return values[output]


# ---------------------------------------------------------------- the files

# How many MNIST test images the MNIST-shaped models are also run on.
MNIST_IMAGES = 16

# file, seed, examples, the weights file (None: the model file's own)
MODELS = [
    ('moonflower-mnist-cnn.keras', 1, 8, None),
    ('moonflower-mnist-cnn.h5', 2, 8, None),
    ('dl4j-mnist-mlp-logits.h5', 3, 8, None),
    ('dl4j-conv2d-bare-list.h5', 4, 4, None),
    ('dl4j-sparse-xent-model.h5', 5, 6, None),
    ('dl4j-sparse-xent-model.h5', 5, 6, 'dl4j-sparse-xent-weights.h5'),
    ('dl4j-examples-functional-mlp.h5', 6, 6, None),
    ('dl4j-examples-mlp-bare-list.h5', 7, 6, None),
    ('dl4j-cnn-batch-norm.h5', 8, 4, None),
    ('mlcommons-tiny-cifar-resnet.h5', 9, 4, None),
    ('dl4j-wgan-discriminator.h5', 10, 4, None),
    ('dl4j-separable-conv2d.h5', 11, 4, None),
    ('dl4j-dense-reshape-batch-norm.h5', 12, 4, None),
    ('dl4j-conv2d-reshape.h5', 13, 4, None),
    ('dl4j-tfkeras-softmax-rows.h5', 14, 4, None),
    ('dl4j-tfkeras-reshape-rows.h5', 15, 4, None),
    ('mlcommons-tiny-streaming-wakeword.h5', 16, 4, None),
    ('mlcommons-tiny-vww-96.h5', 17, 2, None),
    ('dl4j-relu-layer.h5', 18, 4, None),
    ('dl4j-softmax-layer.h5', 19, 4, None),
    ('dl4j-leaky-relu.h5', 20, 4, None),
    ('dl4j-thresholded-relu.h5', 21, 4, None),
    # Written by generated_keras_files.py (h5py, not Keras): no public file was found for these cases.
    ('generated-channels-first-graph.h5', 22, 4, None),
    ('generated-keras3-functional.keras', 23, 4, None),
]

# Models that come with inputs and Keras's own outputs for them (DL4J's test resources): model, file.
KERAS_OUTPUTS = [
    ('dl4j-sparse-xent-model.h5', 'dl4j-sparse-xent-inputs-and-outputs.h5'),
    ('dl4j-relu-layer.h5', 'dl4j-relu-layer-inputs-and-outputs.h5'),
    ('dl4j-softmax-layer.h5', 'dl4j-softmax-layer-inputs-and-outputs.h5'),
    ('dl4j-leaky-relu.h5', 'dl4j-leaky-relu-inputs-and-outputs.h5'),
    ('dl4j-thresholded-relu.h5', 'dl4j-thresholded-relu-inputs-and-outputs.h5'),
]


def self_checks():
    """The implementation against Keras's own outputs, where a file comes with them."""
    for model, outputs in KERAS_OUTPUTS:
        config, weights, _ = read_model(os.path.join(FILES, model))
        io_file = h5py.File(os.path.join(FILES, outputs), 'r')
        (x,) = io_file['inputs'].values()
        (want,) = io_file['outputs'].values()
        got = forward(config, weights, np.array(x, dtype=np.float64))
        assert np.abs(got - np.array(want, dtype=np.float64)).max() < 1e-6, (model, got, want)
    # DL4J's predict.py saved the inputs it gave Keras and Keras's predictions.
    config, weights, _ = read_model(os.path.join(FILES, 'dl4j-cnn-batch-norm.h5'))
    got = forward(config, weights, np.load(os.path.join(FILES, 'dl4j-cnn-batch-norm-input.npy')))
    want = np.load(os.path.join(FILES, 'dl4j-cnn-batch-norm-predictions.npy'))
    assert np.abs(got - want).max() < 1e-6, (got, want)


def mnist_test_images(count):
    """The first count images of MNIST's t10k set (the shared data folder), raw bytes, or None."""
    import gzip
    path = os.path.join(HERE, '..', '..', '..', '..', '..', 'shared', 'data', 'mnist', 't10k-images-idx3-ubyte.gz')
    if not os.path.exists(path):
        return None
    with gzip.open(path) as f:
        data = f.read(16 + count * 784)
    return np.frombuffer(data[16:], dtype=np.uint8).reshape(count, 784).astype(np.int64)


def write(name, record, y):
    """One JSON document, one output row a line."""
    rows = ',\n  '.join(json.dumps([float('%.9g' % v) for v in row]) for row in y)
    head = json.dumps(record, indent=1)[:-2]
    with open(os.path.join(OUT, name), 'w') as out:
        out.write(head + ',\n "outputs": [\n  ' + rows + '\n ]\n}\n')


def main():
    self_checks()
    os.makedirs(OUT, exist_ok=True)
    mnist = mnist_test_images(MNIST_IMAGES)
    for file, seed, count, weights_file in MODELS:
        config, weights, version = read_model(os.path.join(FILES, file))
        if weights_file:
            weights = legacy_weights(h5py.File(os.path.join(FILES, weights_file), 'r'))
        layers, _ = layers_of(config)
        shape = input_shape(layers)
        channels_first = any(c.get('data_format') == 'channels_first' for _, c, _ in layers[:2])
        nhwc = (shape[1], shape[2], shape[0]) if channels_first and len(shape) == 3 else shape
        inputs = [('seed', seed, pixels(seed, count, int(np.prod(nhwc))))]
        if mnist is not None and int(np.prod(nhwc)) == 784 and file.startswith(('moonflower', 'dl4j-mnist', 'dl4j-wgan')):
            inputs.append(('mnist-t10k', 0, mnist))
        for kind, seed_value, raw in inputs:
            n = raw.shape[0]
            x = raw.reshape((n,) + tuple(nhwc)).astype(np.float64) / 255.0
            if channels_first and len(shape) == 3:
                x = x.transpose(0, 3, 1, 2)
            y = forward(config, weights, x).reshape(n, -1)
            name = (weights_file or file) + ('.json' if kind == 'seed' else '.mnist-t10k.json')
            record = {'file': file, 'weights': weights_file, 'keras_version': version, 'input_shape': list(shape),
                      'inputs': kind, 'seed': seed_value, 'count': n}
            write(name, record, y)
            print(name, 'top-1', y.argmax(axis=1).tolist())


if __name__ == '__main__':
    sys.exit(main())
