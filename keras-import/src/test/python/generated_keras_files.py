#!/usr/bin/python3
"""Writes the GENERATED test files in src/test/resources/org/tribuozoo/keras/files (generated-*).

Keras cannot be installed on the project's machines and no public file was found for these cases, so
this script writes them with h5py (Debian's python3-h5py; no Keras) in the layouts Keras writes. They
are labelled generated everywhere (file names, README); the real files stay the tests' main evidence.

    /usr/bin/python3 keras-import/src/test/python/generated_keras_files.py

- generated-channels-first-graph.h5: a channels_first functional model (Keras 2 HDF5 layout, Keras 2's
  nested-list inbound nodes) with branches and merges: BatchNormalization over axis 1, Concatenate over
  axis 1 and over flat vectors, DepthwiseConv2D, MaxPooling2D, Softmax over the channels, Flatten in
  (c, h, w) order, GlobalAveragePooling2D, a Dense logits output. Seeded random weights.
- generated-keras3-functional.keras: a Keras 3 archive (config.json with Keras 3's keras-tensor
  inbound nodes, metadata.json, model.weights.h5) of a channels_last graph: dilated Conv2D,
  SeparableConv2D, ReLU(max_value), Add, Multiply, Average, stride-1 'same' AveragePooling2D,
  Concatenate, strided DepthwiseConv2D, BatchNormalization, GlobalMaxPooling2D(keepdims), Reshape,
  Dense logits and a separate Softmax layer. Seeded random weights.
- generated-densenet121-tf-keras-2-weights.h5: the weights of Keras Applications' DenseNet121 with a
  3-class top, as tf.keras 2 / keras-applications' save_weights lays them out (layer_names at the root,
  names conv1/conv, conv1/bn, ..., fc1000, nested groups for the '/'), every value given by
  value(weight name, i) below so that a test can check each one landed where Keras would put it.
  Compressed (gzip): within a weight the values repeat with a period of 101.
The NumPy reference outputs of the first two are computed by keras_reference.py like the real files'.
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, '..', 'resources', 'org', 'tribuozoo', 'keras', 'files')
WRITER = 'written by keras-import/src/test/python/generated_keras_files.py, not by Keras'


# ---------------------------------------------------------------- Keras 2 HDF5 model files

def keras2_layer(cls, name, inbound, **config):
    config['name'] = name
    config.setdefault('trainable', True)
    config.setdefault('dtype', 'float32')
    nodes = [[[n, 0, 0, {}] for n in inbound]] if inbound else []
    return {'name': name, 'class_name': cls, 'config': config, 'inbound_nodes': nodes}


def conv_config(filters, kernel, **more):
    c = {'filters': filters, 'kernel_size': list(kernel), 'strides': [1, 1], 'padding': 'valid',
         'data_format': 'channels_last', 'dilation_rate': [1, 1], 'activation': 'linear', 'use_bias': True,
         'kernel_initializer': {'class_name': 'GlorotUniform', 'config': {'seed': None}},
         'bias_initializer': {'class_name': 'Zeros', 'config': {}}, 'kernel_regularizer': None,
         'bias_regularizer': None, 'activity_regularizer': None, 'kernel_constraint': None, 'bias_constraint': None}
    c.update(more)
    return c


def bn_config(axis, **more):
    c = {'axis': axis, 'momentum': 0.99, 'epsilon': 0.001, 'center': True, 'scale': True,
         'beta_initializer': {'class_name': 'Zeros', 'config': {}},
         'gamma_initializer': {'class_name': 'Ones', 'config': {}},
         'moving_mean_initializer': {'class_name': 'Zeros', 'config': {}},
         'moving_variance_initializer': {'class_name': 'Ones', 'config': {}},
         'beta_regularizer': None, 'gamma_regularizer': None, 'beta_constraint': None, 'gamma_constraint': None}
    c.update(more)
    return c


def bn_weights(rng, n):
    return [1 + 0.2 * rng.standard_normal(n), 0.2 * rng.standard_normal(n), 0.3 * rng.standard_normal(n),
            0.5 + rng.random(n)]


def write_keras2_model(path, model, weights, version):
    """model: {"class_name", "config"}; weights: {layer: [(weight name, array)]} in Keras's order."""
    with h5py.File(path, 'w') as f:
        f.attrs['keras_version'] = version
        f.attrs['backend'] = 'tensorflow'
        f.attrs['model_config'] = json.dumps(model)
        g = f.create_group('model_weights')
        names = [layer['config']['name'] for layer in model['config']['layers']]
        g.attrs['layer_names'] = np.array([n.encode() for n in names])
        g.attrs['keras_version'] = version
        g.attrs['backend'] = 'tensorflow'
        for n in names:
            lg = g.create_group(n)
            ws = weights.get(n, [])
            lg.attrs['weight_names'] = np.array([(n + '/' + w + ':0').encode() for w, _ in ws])
            for w, value in ws:
                lg.create_dataset(n + '/' + w + ':0', data=np.asarray(value, dtype=np.float32))


def channels_first_graph():
    rng = np.random.default_rng(20240601)
    cf = {'data_format': 'channels_first'}
    c, h, w = 3, 8, 6
    layers = [
        keras2_layer('InputLayer', 'pixels', [], batch_input_shape=[None, c, h, w], sparse=False),
        keras2_layer('Conv2D', 'conv_a', ['pixels'], **conv_config(4, (3, 3), padding='same', activation='relu', **cf)),
        keras2_layer('BatchNormalization', 'bn_a', ['conv_a'], **bn_config([1])),
        keras2_layer('Conv2D', 'conv_b', ['pixels'], **conv_config(4, (1, 1), **cf)),
        keras2_layer('Concatenate', 'cat_channels', ['bn_a', 'conv_b'], axis=1),
        keras2_layer('DepthwiseConv2D', 'depthwise', ['pixels'], kernel_size=[3, 3], strides=[1, 1],
                     padding='same', depth_multiplier=2, activation='linear', use_bias=True,
                     depthwise_initializer={'class_name': 'GlorotUniform', 'config': {'seed': None}},
                     bias_initializer={'class_name': 'Zeros', 'config': {}}, depthwise_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None, depthwise_constraint=None,
                     bias_constraint=None, dilation_rate=[1, 1], **cf),
        # The depthwise branch has 3 * 2 = 6 channels; a 1x1 convolution brings it to the 8 of cat_channels.
        keras2_layer('Conv2D', 'depthwise_pad', ['depthwise'], **conv_config(8, (1, 1), **cf)),
        keras2_layer('Add', 'add', ['cat_channels', 'depthwise_pad']),
        keras2_layer('MaxPooling2D', 'pool', ['add'], pool_size=[2, 2], strides=[2, 2], padding='valid', **cf),
        keras2_layer('Softmax', 'softmax_channels', ['pool'], axis=1),
        keras2_layer('Flatten', 'flatten', ['softmax_channels'], data_format='channels_last'),
        keras2_layer('GlobalAveragePooling2D', 'gap', ['add'], **cf),
        keras2_layer('Concatenate', 'cat_flat', ['flatten', 'gap'], axis=-1),
        keras2_layer('Dense', 'logits', ['cat_flat'], units=5, activation='linear', use_bias=True,
                     kernel_initializer={'class_name': 'GlorotUniform', 'config': {'seed': None}},
                     bias_initializer={'class_name': 'Zeros', 'config': {}}, kernel_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None),
    ]
    model = {'class_name': 'Model', 'config': {'name': 'channels_first_graph', 'layers': layers,
                                               'input_layers': [['pixels', 0, 0]],
                                               'output_layers': [['logits', 0, 0]]}}
    weights = {
        'conv_a': [('kernel', 0.4 * rng.standard_normal((3, 3, c, 4))), ('bias', 0.1 * rng.standard_normal(4))],
        'bn_a': list(zip(['gamma', 'beta', 'moving_mean', 'moving_variance'], bn_weights(rng, 4))),
        'conv_b': [('kernel', 0.5 * rng.standard_normal((1, 1, c, 4))), ('bias', 0.1 * rng.standard_normal(4))],
        'depthwise': [('depthwise_kernel', 0.4 * rng.standard_normal((3, 3, c, 2))),
                      ('bias', 0.1 * rng.standard_normal(6))],
        'depthwise_pad': [('kernel', 0.5 * rng.standard_normal((1, 1, 6, 8))), ('bias', 0.1 * rng.standard_normal(8))],
        'logits': [('kernel', 0.3 * rng.standard_normal((8 * 4 * 3 + 8, 5))), ('bias', 0.1 * rng.standard_normal(5))],
    }
    write_keras2_model(os.path.join(FILES, 'generated-channels-first-graph.h5'), model, weights, '2.2.4 (' + WRITER + ')')


# ---------------------------------------------------------------- Keras 3 archives

def keras3_tensor(layer, shape):
    return {'class_name': '__keras_tensor__', 'config': {'shape': [None] + list(shape), 'dtype': 'float32',
                                                         'keras_history': [layer, 0, 0]}}


def keras3_layer(cls, name, inputs, **config):
    """inputs: [(layer, shape)]; a merge layer gets them as one list, as Keras 3 writes."""
    config['name'] = name
    config.setdefault('trainable', True)
    config['dtype'] = {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'},
                       'registered_name': None}
    tensors = [keras3_tensor(n, s) for n, s in inputs]
    args = [tensors] if len(tensors) > 1 else tensors
    entry = {'module': 'keras.layers', 'class_name': cls, 'config': config, 'registered_name': None, 'name': name,
             'inbound_nodes': [{'args': args, 'kwargs': {}}] if inputs else []}
    if inputs:
        entry['build_config'] = {'input_shape': [None] + list(inputs[0][1])}
    return entry


def initializer(cls):
    return {'module': 'keras.initializers', 'class_name': cls, 'config': {'seed': None} if 'Glorot' in cls else {},
            'registered_name': None}


def keras3_conv(filters, kernel, **more):
    c = {'filters': filters, 'kernel_size': list(kernel), 'strides': [1, 1], 'padding': 'valid',
         'data_format': 'channels_last', 'dilation_rate': [1, 1], 'groups': 1, 'activation': 'linear',
         'use_bias': True, 'kernel_initializer': initializer('GlorotUniform'), 'bias_initializer': initializer('Zeros'),
         'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None,
         'kernel_constraint': None, 'bias_constraint': None}
    c.update(more)
    return c


def keras3_functional():
    rng = np.random.default_rng(20240602)
    h, w, c = 9, 7, 3
    img = (h, w, 6)
    layers = [
        keras3_layer('InputLayer', 'input_layer', [], batch_shape=[None, h, w, c], sparse=False),
        keras3_layer('Conv2D', 'dilated', [('input_layer', (h, w, c))],
                     **keras3_conv(6, (3, 3), padding='same', dilation_rate=[2, 2], activation='relu')),
        keras3_layer('SeparableConv2D', 'separable', [('input_layer', (h, w, c))],
                     **{k: v for k, v in keras3_conv(6, (3, 3), padding='same', depth_multiplier=2,
                                                     depthwise_initializer=initializer('GlorotUniform'),
                                                     pointwise_initializer=initializer('GlorotUniform'),
                                                     depthwise_regularizer=None, pointwise_regularizer=None,
                                                     depthwise_constraint=None, pointwise_constraint=None).items()
                        if k not in ('kernel_initializer', 'kernel_regularizer', 'kernel_constraint', 'groups')}),
        keras3_layer('ReLU', 'relu6', [('separable', img)], max_value=6.0, negative_slope=0.0, threshold=0.0),
        keras3_layer('Add', 'add', [('dilated', img), ('relu6', img)]),
        keras3_layer('Conv2D', 'pointwise', [('input_layer', (h, w, c))], **keras3_conv(6, (1, 1))),
        keras3_layer('Multiply', 'multiply', [('add', img), ('pointwise', img)]),
        keras3_layer('Average', 'average', [('multiply', img), ('dilated', img)]),
        keras3_layer('AveragePooling2D', 'smooth', [('average', img)], pool_size=[3, 3], strides=[1, 1],
                     padding='same', data_format='channels_last'),
        keras3_layer('Concatenate', 'concatenate', [('smooth', img), ('average', img)], axis=-1),
        keras3_layer('DepthwiseConv2D', 'strided_depthwise', [('concatenate', (h, w, 12))],
                     kernel_size=[3, 3], strides=[2, 2], padding='valid', data_format='channels_last',
                     dilation_rate=[1, 1], depth_multiplier=1, activation='linear', use_bias=True,
                     depthwise_initializer=initializer('GlorotUniform'), bias_initializer=initializer('Zeros'),
                     depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     depthwise_constraint=None, bias_constraint=None),
        keras3_layer('BatchNormalization', 'batch_normalization', [('strided_depthwise', (4, 3, 12))], axis=-1,
                     momentum=0.99, epsilon=0.001, center=True, scale=True,
                     beta_initializer=initializer('Zeros'), gamma_initializer=initializer('Ones'),
                     moving_mean_initializer=initializer('Zeros'), moving_variance_initializer=initializer('Ones'),
                     beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                     synchronized=False),
        keras3_layer('GlobalMaxPooling2D', 'global_max', [('batch_normalization', (4, 3, 12))],
                     data_format='channels_last', keepdims=True),
        keras3_layer('Reshape', 'reshape', [('global_max', (1, 1, 12))], target_shape=[12]),
        keras3_layer('Dense', 'logits', [('reshape', (12,))], units=4, activation='linear', use_bias=True,
                     kernel_initializer=initializer('GlorotUniform'), bias_initializer=initializer('Zeros'),
                     kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None, bias_constraint=None),
        keras3_layer('Softmax', 'probabilities', [('logits', (4,))], axis=-1),
    ]
    config = {'module': 'keras.src.models.functional', 'class_name': 'Functional',
              'config': {'name': 'keras3_graph', 'trainable': True, 'layers': layers,
                         'input_layers': [['input_layer', 0, 0]], 'output_layers': [['probabilities', 0, 0]]},
              'registered_name': 'Functional'}
    weights = {
        'dilated': [0.4 * rng.standard_normal((3, 3, c, 6)), 0.1 * rng.standard_normal(6)],
        'separable': [0.5 * rng.standard_normal((3, 3, c, 2)), 0.4 * rng.standard_normal((1, 1, 6, 6)),
                      0.1 * rng.standard_normal(6)],
        'pointwise': [0.5 * rng.standard_normal((1, 1, c, 6)), 0.1 * rng.standard_normal(6)],
        'strided_depthwise': [0.4 * rng.standard_normal((3, 3, 12, 1)), 0.1 * rng.standard_normal(12)],
        'batch_normalization': bn_weights(rng, 12),
        'logits': [0.5 * rng.standard_normal((12, 4)), 0.1 * rng.standard_normal(4)],
    }
    buffer = io.BytesIO()
    with h5py.File(buffer, 'w') as f:
        group = f.create_group('layers')
        for layer in layers:
            g = group.create_group(layer['name'])
            v = g.create_group('vars')
            for i, value in enumerate(weights.get(layer['name'], [])):
                v.create_dataset(str(i), data=np.asarray(value, dtype=np.float32))
    with zipfile.ZipFile(os.path.join(FILES, 'generated-keras3-functional.keras'), 'w') as z:
        # Fixed entry times, so that the archive is the same on every run.
        entry = lambda name: zipfile.ZipInfo(name, date_time=(2024, 6, 2, 0, 0, 0))
        z.writestr(entry('metadata.json'), json.dumps({'keras_version': '3.3.3 (' + WRITER + ')',
                                                       'date_saved': '2024-06-02@00:00:00'}))
        z.writestr(entry('config.json'), json.dumps(config))
        z.writestr(entry('model.weights.h5'), buffer.getvalue())


# ---------------------------------------------------------------- Keras Applications weights

def name_hash(name, base, modulus):
    h = 0
    for ch in name.encode():
        h = (h * base + ch) % modulus
    return h


def value(name, count):
    """The values of weight `name`, as float32: ((7 i + a) mod 101) / 101 - 1/2 + b * 1e-7, where a and b
    are hashes of the name (base 31 mod 101, base 131 mod 2^20): periodic within a weight, so that the file
    compresses, and different from one weight to the next, so that a weight in the wrong place shows."""
    a = name_hash(name, 31, 101)
    b = name_hash(name, 131, 1 << 20)
    i = np.arange(count, dtype=np.int64)
    return (((7 * i + a) % 101) / 101.0 - 0.5 + b * 1e-7).astype(np.float32)


def densenet121_layers(classes):
    """keras-applications' DenseNet121 (Keras 2.2, tf.keras 2): (layer name, [(weight, shape)]) in model order."""
    out = []

    def conv(name, k, cin, cout):
        out.append((name, [('kernel', (k, k, cin, cout))]))

    def bn(name, n):
        out.append((name, [(w, (n,)) for w in ('gamma', 'beta', 'moving_mean', 'moving_variance')]))

    def none(name):
        out.append((name, []))

    none('input_1')
    none('zero_padding2d_1')
    conv('conv1/conv', 7, 3, 64)
    bn('conv1/bn', 64)
    none('conv1/relu')
    none('zero_padding2d_2')
    none('pool1')
    channels = 64
    for stage, blocks in zip((2, 3, 4, 5), (6, 12, 24, 16)):
        for b in range(1, blocks + 1):
            name = 'conv%d_block%d' % (stage, b)
            bn(name + '_0_bn', channels)
            none(name + '_0_relu')
            conv(name + '_1_conv', 1, channels, 128)
            bn(name + '_1_bn', 128)
            none(name + '_1_relu')
            conv(name + '_2_conv', 3, 128, 32)
            none(name + '_concat')
            channels += 32
        if stage < 5:
            bn('pool%d_bn' % stage, channels)
            none('pool%d_relu' % stage)
            conv('pool%d_conv' % stage, 1, channels, channels // 2)
            none('pool%d_pool' % stage)
            channels //= 2
    bn('bn', channels)
    none('avg_pool')
    out.append(('fc1000', [('kernel', (channels, classes)), ('bias', (classes,))]))
    return out


def densenet121_weights():
    classes = 3
    layers = densenet121_layers(classes)
    total = sum(int(np.prod(s)) for _, ws in layers for _, s in ws)
    # Keras's DenseNet121 count without the top is 7,037,504; the 3-class top adds 1024 * 3 + 3.
    assert total == 7_037_504 + 1024 * classes + classes, total
    # HDF5's newer object layout (libver='latest') keeps the ~1,500 small groups and datasets compact.
    with h5py.File(os.path.join(FILES, 'generated-densenet121-tf-keras-2-weights.h5'), 'w', libver='latest') as f:
        f.attrs['keras_version'] = '2.2.4 (' + WRITER + ')'
        f.attrs['backend'] = 'tensorflow'
        f.attrs['layer_names'] = np.array([n.encode() for n, _ in layers])
        for name, ws in layers:
            g = f.create_group(name)  # 'conv1/conv' makes the nested groups conv1 and conv, as in Keras's files
            full = [name + '/' + w + ':0' for w, _ in ws]
            g.attrs['weight_names'] = np.array([n.encode() for n in full]) if full else np.array([])
            for n, (_, shape) in zip(full, ws):
                data = value(n, int(np.prod(shape))).reshape(shape)
                g.create_dataset(n, data=data, compression='gzip', compression_opts=9, chunks=data.shape,
                                 track_times=False)


if __name__ == '__main__':
    channels_first_graph()
    keras3_functional()
    densenet121_weights()
    for f in sorted(os.listdir(FILES)):
        if f.startswith('generated-'):
            print(f, os.path.getsize(os.path.join(FILES, f)))
