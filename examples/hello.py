print('Hello from Coil!')
