try:lambda
